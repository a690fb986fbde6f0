"""Sentence by sentence: does a letter claim something the resume does not hold?

A sentence is removed when it names a skill, a number, a certification, a degree or a
proper name the truth lacks, or says the candidate worked at a place the truth does not
list. The job description may supply names (the company, the role, its products) but
never a skill, a number, a credential or an employer of the candidate's: a sentence
"I have used Kafka" is removed even when the JD asks for Kafka.

The check is deliberately strict: a removed honest sentence costs a little prose, a kept
fabricated one breaks the product's promise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refleum.analysis.facts import TruthFacts, new_claims
from refleum.analysis.grounding import normalize_for_grounding, occurs_in, string_values
from refleum.analysis.skills import SkillMention, canonical_skill, find_skills, skill_category
from refleum.letters.jd_facts import job_facts
from refleum.letters.prose import gerund
from refleum.resume_data import ResumeData

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”»“]?\s+")
_NUMBER = re.compile(r"\d+(?:[.,:/]\d+)*")
_NUMBER_WORDS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100",
    "hundreds": "100", "thousand": "1000", "thousands": "1000", "million": "1000000",
    "millions": "1000000", "billion": "1000000000", "dozen": "12", "dozens": "12",
    "dos": "2", "tres": "3", "cuatro": "4", "cinco": "5", "diez": "10", "cien": "100",
    "mil": "1000", "deux": "2", "trois": "3", "quatre": "4", "cinq": "5", "dix": "10",
    "cent": "100", "mille": "1000", "zwei": "2", "drei": "3", "vier": "4", "fünf": "5",
    "zehn": "10", "hundert": "100", "tausend": "1000", "dois": "2", "três": "3",
    "quatro": "4", "dez": "10", "cem": "100",
}  # fmt: skip
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_SPECIFIC_DEGREE = re.compile(
    r"\b(MBA|Ph\.?\s?D\.?|B\.?\s?Sc\.?|M\.?\s?Sc\.?|B\.?A\.|M\.?A\.|B\.?S\.|M\.?S\.|BEng|MEng|"
    r"bachelor(?:'s)?|master(?:'s)?|doctorate|associate'?s degree|licenciatura|máster|maestría|"
    r"doctorado|mestrado|doutorado|doctorat|diplom-\w+)\b",
    re.IGNORECASE,
)
_GENERIC_DEGREE = re.compile(
    r"\b(degree|diploma|graduated|graduate|título|titulación|grado|diplôme|abschluss|studium|"
    r"graduação|formação|licence)\b",
    re.IGNORECASE,
)
_CERTIFICATION = re.compile(
    r"\b(certified|certification|certifications|certificate|certificates|licensed|accredited|"
    r"chartered|certificado|certificación|certificação|certifié|certifiée|zertifiziert|"
    r"zertifikat|zertifizierung|PMP|CPA|CFA|CISSP|CCNA|CISA|ACCA)\b",
    re.IGNORECASE,
)
_WORKED_AT = re.compile(
    r"\b(?:I|I've|I\s+have|I\s+had)\b[^.!?]*?\b(?:worked|spent|served|interned|was|been|joined|"
    r"led|built|managed|ran)\b[^.!?]*?\b(?:at|for|with)\s+"
    r"([A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*)"
)
_DID = re.compile(
    r"\b(?:I|I've|I\s+have|we)\b[^.!?]*?\b(?:worked|built|led|managed|ran|shipped|delivered|"
    r"designed|developed|created|launched|spent|served|joined|interned|founded|owned|"
    r"maintained|migrated|implemented)\b"
)
_EXPERIENCE_CUE = re.compile(
    r"\b(?:experience|experienced|expertise|expert|background|skilled|proficient|know|"
    r"knowledge|familiar|years|experiencia|expérience|erfahrung|experiência)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|I'll|me|my|mine|myself)\b")
# Not a letter glued to a number: the M of "$1.4M" and the K of "$310K" are units, not names.
_WORD = re.compile(r"(?<!\d)[^\W\d_][\w&]*")
# Words any letter may capitalise: salutations, sign-offs, calendar names, the pronoun.
_NEUTRAL = frozenset(
    "i i'm i've i'd i'll dear hi hello hey greetings team hiring manager managers recruiter "
    "regards best kind warm sincerely thanks thank cheers yours faithfully truly ps p.s. "
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december linkedin resume cv "
    "estimado estimada estimados hola saludos atentamente cordialmente gracias "
    "madame monsieur bonjour cordialement merci salutations bien "
    "sehr geehrte geehrter damen herren hallo grüße gruß freundlichen beste viele dank "
    "prezado prezada prezados olá atenciosamente obrigado obrigada cumprimentos".split()
)


@dataclass(frozen=True)
class Claim:
    kind: str  # skill | number | date | certification | degree | name | employer
    text: str


@dataclass
class TruthIndex:
    """What a letter may say: the truth's text, skills and numbers, plus names from the JD."""

    text: str
    skills: frozenset[str]
    numbers: frozenset[str]
    employers: tuple[str, ...]
    certifications: tuple[str, ...]
    has_education: bool
    allowed_names: str  # normalised: the JD and the engine's own template words
    jd_text: str  # normalised JD alone
    job_names: tuple[str, ...]  # the company and the role as the JD names them
    facts: TruthFacts
    language: str = "en"  # primary subtag

    @property
    def capitalises_nouns(self) -> bool:
        return self.language == "de"

    @classmethod
    def build(
        cls, truth: ResumeData, job_description: str, *, language: str = "en", extra_words: str = ""
    ) -> TruthIndex:
        raw = _truth_text(truth)
        job = job_facts(job_description)
        skills = {m.canonical for m in find_skills(raw)}
        skills |= {c for s in truth.additional.technicalSkills if (c := canonical_skill(s))}
        # A letter tells "Sourced 62% of my pipeline" as "by sourcing …": the skill a
        # bullet's own opening verb names in its -ing form is the resume's, not invented.
        skills |= {m.canonical for m in find_skills(" , ".join(_opening_gerunds(truth)))}
        return cls(
            text=normalize_for_grounding(raw),
            skills=frozenset(skills),
            numbers=frozenset(_numbers(raw)),
            employers=tuple(
                normalize_for_grounding(j.company)
                for j in truth.workExperience
                if j.company.strip()
            ),
            certifications=tuple(
                normalize_for_grounding(c)
                for c in truth.additional.certificationsTraining
                if c.strip()
            ),
            has_education=bool(truth.education),
            allowed_names=normalize_for_grounding(f"{job_description}\n{extra_words}"),
            jd_text=normalize_for_grounding(job_description),
            job_names=tuple(name for name in (job.company, job.role) if name),
            facts=TruthFacts.from_resume(truth),
            language=language.strip().replace("_", "-").split("-")[0].lower(),
        )

    def grounded(self, value: str) -> bool:
        return occurs_in(normalize_for_grounding(value), self.text)


@dataclass
class GroundedText:
    text: str
    kept: int
    removed: list[tuple[str, list[Claim]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.kept + len(self.removed)


def claims_in(sentence: str, index: TruthIndex) -> list[Claim]:
    """Everything ``sentence`` asserts that the truth does not support."""
    found = [
        *_skill_claims(_without_job_names(sentence, index), index),
        *_number_claims(sentence, index),
        *_fact_claims(sentence, index),
        *_credential_claims(sentence, index),
        *_employer_claims(sentence, index),
        *_name_claims(sentence, index),
    ]
    return list(dict.fromkeys(found))


def _without_job_names(sentence: str, index: TruthIndex) -> str:
    """The role "Analytics Engineer" names the job, it does not claim the skill."""
    for name in index.job_names:
        sentence = re.sub(re.escape(name), " ", sentence, flags=re.IGNORECASE)
    return sentence


def ground_text(text: str, index: TruthIndex) -> GroundedText:
    """``text`` without its unsupported sentences; line breaks and paragraphs are kept."""
    result = GroundedText(text="", kept=0)
    out_lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        kept_here: list[str] = []
        for sentence in split_sentences(line):
            claims = claims_in(sentence, index)
            if claims:
                result.removed.append((sentence, claims))
            else:
                kept_here.append(sentence)
        result.kept += len(kept_here)
        if kept_here or not line.strip():
            out_lines.append(" ".join(kept_here))
    result.text = re.sub(r"\n{3,}", "\n\n", "\n".join(out_lines)).strip()
    return result


def split_sentences(line: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(line.strip()) if part.strip()]


def _truth_text(truth: ResumeData) -> str:
    return "\n".join(value for _path, value in string_values(truth) if value.strip())


def _numbers(text: str) -> set[str]:
    found: set[str] = set()
    for match in _NUMBER.finditer(text):
        found |= _number_forms(match.group())
    return found


def _number_forms(number: str) -> set[str]:
    forms = {number}
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", number):
        forms.add(number.replace(",", ""))
    return forms


def _skill_claims(sentence: str, index: TruthIndex) -> list[Claim]:
    return [
        Claim("skill", m.surface)
        for m in find_skills(sentence)
        if m.canonical not in index.skills
        and not index.grounded(m.surface)
        and not _describes_the_company(m, sentence, index)
    ]


def _describes_the_company(mention: SkillMention, sentence: str, index: TruthIndex) -> bool:
    """A JD skill in a sentence about the company, not the candidate: "your analytics
    team" (a lowercase concept, no experience claimed) or, in English, "Your team runs on
    Kafka" (a named tool in a sentence without I/me/my)."""
    if not occurs_in(normalize_for_grounding(mention.surface), index.jd_text):
        return False
    if _DID.search(sentence) or _EXPERIENCE_CUE.search(sentence):
        return False
    if mention.surface.islower() and _is_concept(mention.canonical):
        return True
    return index.language == "en" and not _FIRST_PERSON.search(sentence)


def _is_concept(canonical: str) -> bool:
    """ "Data analysis", "Logistics" (a field of work) rather than a tool ("dbt", "Google Ads")."""
    if skill_category(canonical) == "domain":
        return True
    words = canonical.split()
    return len(words) > 1 and any(word.islower() for word in words[1:])


def _number_claims(sentence: str, index: TruthIndex) -> list[Claim]:
    claims = [
        Claim("number", m.group())
        for m in _NUMBER.finditer(sentence)
        if not (_number_forms(m.group()) & index.numbers)
    ]
    for match in _NUMBER_WORD.finditer(sentence):
        word = match.group()
        if _NUMBER_WORDS[word.lower()] not in index.numbers and not index.grounded(word):
            claims.append(Claim("number", word))
    return claims


def _fact_claims(sentence: str, index: TruthIndex) -> list[Claim]:
    """The tailoring truth guard's reading of quantities and dates (``35 percent``
    is ``35%``, ``$2.4B`` is ``2.4 billion``); its names are judged here, beside the JD."""
    # Skills and number words are judged here (number words in all five languages: the
    # guard's reading finds "ten" inside Spanish "Tengo").
    return [
        Claim(claim.kind, claim.surface)
        for claim in new_claims(sentence, index.facts)
        if claim.kind == "date" or (claim.kind == "number" and re.search(r"\d", claim.surface))
    ]


def _credential_claims(sentence: str, index: TruthIndex) -> list[Claim]:
    claims: list[Claim] = []
    for match in _SPECIFIC_DEGREE.finditer(sentence):
        if not index.grounded(match.group()):
            claims.append(Claim("degree", match.group()))
    if not index.has_education:
        claims += [Claim("degree", m.group()) for m in _GENERIC_DEGREE.finditer(sentence)]
    folded = normalize_for_grounding(sentence)
    for match in _CERTIFICATION.finditer(sentence):
        # A credential word is fine only beside a certification the resume names, or in
        # a phrase the resume writes ("Chartered Accountant" as a job title).
        if not any(occurs_in(cert, folded) for cert in index.certifications) and not any(
            index.grounded(phrase) for phrase in _phrases_around(sentence, match)
        ):
            claims.append(Claim("certification", match.group()))
    return claims


def _phrases_around(sentence: str, match: re.Match[str]) -> list[str]:
    before = [w.strip(".,;:!?()\"'“”«»") for w in sentence[: match.start()].split()[-1:]]
    after = [w.strip(".,;:!?()\"'“”«»") for w in sentence[match.end() :].split()[:1]]
    word = match.group()
    return [f"{before[0]} {word}"] * bool(before) + [f"{word} {after[0]}"] * bool(after)


def _employer_claims(sentence: str, index: TruthIndex) -> list[Claim]:
    claims = _jd_names_in_experience(sentence, index)
    for match in _WORKED_AT.finditer(sentence):
        words = match.group(1).split()
        while words and words[-1].lower() in _NEUTRAL:  # "at Contoso I cleaned …"
            words.pop()
        place = " ".join(words).rstrip(".'’-")
        if place and not index.grounded(place):
            claims.append(Claim("employer", place))
    return claims


def _opening_gerunds(truth: ResumeData) -> list[str]:
    bullets = [b for job in truth.workExperience for b in job.description]
    bullets += [b for project in truth.personalProjects for b in project.description]
    words = [bullet.split(" ", 1)[0] for bullet in bullets if bullet.strip()]
    return [form for word in words if (form := gerund(word))]


def _jd_names_in_experience(sentence: str, index: TruthIndex) -> list[Claim]:
    """ "I built Globex's freight tracker": a name only the JD has, in the candidate's own
    past work, is an invented employer or product (English)."""
    if not _DID.search(sentence):
        return []
    claims = []
    for position, match in enumerate(_WORD.finditer(sentence)):
        word = match.group()
        if not _looks_like_name(word, position == 0, index.capitalises_nouns):
            continue
        folded = normalize_for_grounding(word)
        if occurs_in(folded, index.jd_text) and not occurs_in(folded, index.text):
            claims.append(Claim("employer", word))
    return claims


def _name_claims(sentence: str, index: TruthIndex) -> list[Claim]:
    """Proper names (capitalised mid-sentence, acronyms, CamelCase) from nowhere."""
    claims: list[Claim] = []
    for position, match in enumerate(_WORD.finditer(sentence)):
        word = match.group()
        if not _looks_like_name(word, position == 0, index.capitalises_nouns):
            continue
        if word.lower() in _NEUTRAL:
            continue
        folded = normalize_for_grounding(word)
        if occurs_in(folded, index.text) or occurs_in(folded, index.allowed_names):
            continue
        claims.append(Claim("name", word))
    return claims


def _looks_like_name(word: str, sentence_start: bool, capitalises_nouns: bool) -> bool:
    if len(word) >= 2 and word.isupper():
        return True  # an acronym
    if any(ch.isupper() for ch in word[1:]):
        return True  # CamelCase: GitHub, PayPal
    if not word[0].isupper() or sentence_start:
        return False
    # German capitalises every noun: only acronyms and CamelCase count as names there.
    return not capitalises_nouns
