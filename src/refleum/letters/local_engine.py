"""The built-in letter writer: no network, deterministic, grounded by construction.

The planner (:mod:`planner`) chooses what to say; this module says it. A cover letter is a
greeting; an opening naming the role and the company; two short paragraphs telling the
two or three most relevant achievements in the first person (English, :mod:`prose`) or
quoting them (other languages: the resume is never machine-translated); an answer to what
the JD asks applicants to address, when a resume line supports one; an honest close; a
sign-off with the resume's name. An outreach message is the same story in at most
``OUTREACH_MAX_WORDS`` words, with a connection note of at most ``NOTE_MAX_CHARS``.

Every candidate sentence is checked before it is used: it must claim nothing the truth
lacks (``grounding.claims_in``) and must not copy a resume bullet (``copying.copies``).
Phrasings are picked by a generator seeded with a hash of the resume, the JD, the kind,
the language and the variant: the same input gives the same letter; a regeneration
(``previous`` given) tries variants until one is unlike the letter it replaces.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from typing import Any

from refleum.analysis.skill_case import mid_sentence
from refleum.letters import prose
from refleum.letters.copying import copies
from refleum.letters.evidence import Line, resume_lines
from refleum.letters.grounding import TruthIndex, claims_in, split_sentences
from refleum.letters.kinds import Kind
from refleum.letters.planner import Plan, Point, plan
from refleum.letters.similarity import REGENERATE_AIM, similarity
from refleum.letters.templates import all_template_text, templates_for
from refleum.resume_data import ResumeData

OUTREACH_MAX_WORDS = 120
NOTE_MAX_CHARS = 300
COVER_MIN_WORDS = 200
COVER_MAX_WORDS = 350
OUTREACH_LINE_WORDS = 28
MAX_VARIANTS = 8
_CLAUSE_BREAKS = ("; ", ", ", " and ", " while ", " to ")
_YOU = {"you": "I", "your": "my", "yours": "mine", "yourself": "myself", "you've": "I've",
        "you're": "I'm", "you'd": "I'd"}  # fmt: skip


@dataclass(frozen=True)
class LocalDraft:
    content: str
    connection_note: str | None = None


def compose(
    kind: Kind,
    source: ResumeData,
    truth: ResumeData,
    job_description: str,
    language: str,
    *,
    previous: str | None = None,
) -> LocalDraft:
    """The letter of ``kind``; with ``previous`` (regenerate), another version of it whose
    similarity to ``previous`` is under ``REGENERATE_AIM`` when any variant gets there.
    Raises UnsupportedLetterLanguage for a language without templates."""
    if previous is None:
        return _compose(kind, source, truth, job_description, language, variant=0, previous="")
    best: tuple[float, LocalDraft] | None = None
    for variant in range(1, MAX_VARIANTS + 1):
        draft = _compose(
            kind, source, truth, job_description, language, variant=variant, previous=previous
        )
        score = similarity(draft.content, previous)
        if score < REGENERATE_AIM:
            return draft
        if best is None or score < best[0]:
            best = (score, draft)
    assert best is not None
    return best[1]


def _compose(
    kind: Kind, source: ResumeData, truth: ResumeData, job_description: str, language: str,
    *, variant: int, previous: str,
) -> LocalDraft:  # fmt: skip
    words = templates_for(language)
    index = TruthIndex.build(
        truth, job_description, language=language, extra_words=all_template_text()
    )
    bullets = [line.text for line in resume_lines(source)] + [
        line.text for line in resume_lines(truth)
    ]
    seed = _seed(kind, source, job_description, language, variant)
    teller = _Teller(words, index, bullets, _Picker(seed))
    content_plan = plan(
        source,
        truth,
        job_description,
        variant=seed if variant else 0,
        avoid=previous,
        tellable=teller.can_tell,
    )
    writer = _Writer(words, content_plan, teller)
    if kind is Kind.COVER_LETTER:
        return LocalDraft(writer.cover_letter())
    return LocalDraft(writer.outreach(), writer.connection_note())


def _seed(kind: Kind, source: ResumeData, job_description: str, language: str, variant: int) -> int:
    payload = json.dumps(source.model_dump(), sort_keys=True, ensure_ascii=False)
    text = f"{payload}\0{job_description}\0{kind}\0{language}\0{variant}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


class _Picker:
    """Seeded choices that avoid repeating a phrasing within one letter while others remain."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)
        self._used: set[str] = set()

    def __call__(self, options: list[str]) -> str:
        if not options:
            return ""
        fresh = [option for option in options if option not in self._used] or options
        choice = self._random.choice(fresh)
        self._used.add(choice)
        return choice


class _Teller:
    """Tells one resume line: in English as first-person prose (every sentence shape
    ``prose`` can give it, kept only if it is grounded and copies no bullet), in other
    languages as a quotation."""

    def __init__(self, words: dict[str, Any], index: TruthIndex, bullets: list[str], pick):
        self.words, self.index, self.bullets, self.pick = words, index, bullets, pick
        self.used_forms: set[str] = set()

    @property
    def writes_prose(self) -> bool:
        return "fact_forms" in self.words

    def can_tell(self, line: Line) -> bool:
        return not self.writes_prose or bool(self.options(line, lead="{at}"))

    def options(self, line: Line, *, lead: str) -> list[tuple[str, str]]:
        """(form, sentence) pairs: every way of telling ``line`` that passes ``fits``."""
        where = self.words["where"][line.place].format(employer=line.employer)
        at = lead.format(employer=line.employer, at=where)
        found: list[tuple[str, str]] = []
        for fact in prose.facts(line.text, present=line.current):
            if found:
                break  # the clearest reading that can be told; later ones read worse
            for form in self.words["fact_forms"][fact.kind]:
                if "{gerund}" in form and not fact.gerund:
                    continue
                if "by {gerund}" in form and " by " in f" {fact.tail} ":
                    continue
                text = prose.fill(form, fact, at=where, At=_capital(at))
                if self.fits(text):
                    found.append((form, text))
        return found

    def fits(self, text: str) -> bool:
        return not any(
            claims_in(sentence, self.index) or copies(sentence, self.bullets)
            for sentence in split_sentences(text)
        )

    def tell(self, point: Point | Line, *, outreach: bool = False) -> str:
        line = point.line if isinstance(point, Point) else point
        if self.writes_prose:
            lead = self.pick(self.words["where_lead"][line.place])
            options = self.options(line, lead=lead)
            if outreach:
                options = sorted(options, key=lambda option: len(option[1].split()))[:2]
            # A sentence shape used once in this letter is not used again while others fit.
            fresh = [text for form, text in options if form not in self.used_forms]
            text = self.pick(fresh or [text for _form, text in options])
            self.used_forms.update(form for form, told in options if told == text)
            return text
        return self.quote(point, outreach=outreach)

    def quote(self, point: Point | Line, *, outreach: bool) -> str:
        line = point.line if isinstance(point, Point) else point
        skills = point.skills if isinstance(point, Point) else ()
        text = _shorten(line.text, OUTREACH_LINE_WORDS) if outreach else line.text
        if outreach:
            key = "outreach_evidence_quote"
        else:
            key = "evidence_quote" if skills else "evidence_plain_quote"
        where = self.words["where"][line.place].format(employer=line.employer)
        quote = f"{self.words['quote_open']}{text}{self.words['quote_close']}"
        skill_list = _skill_list(self.words, list(skills))
        return self.pick(self.words[key]).format(where=where, quote=quote, skills=skill_list)


class _Writer:
    def __init__(self, words: dict[str, Any], content: Plan, teller: _Teller):
        self.words, self.plan, self.teller, self.pick = words, content, teller, teller.pick
        self.facts, self.job = content.facts, content.job
        self._links_said: set[str] = set()

    # -- the two documents --------------------------------------------------------
    def cover_letter(self) -> str:
        greeting = self.fill(self.pick(self.words["greeting"][self._company_key()]))
        opening = self.sentences(
            self.fill(self.pick(self.words["opening"][self._job_key()])),
            self._intro("intro"),
            self._career(),
            self._company_is(),
            self._why(),
            self._grounded(self._skills_link()),
        )
        told = [(self.teller.tell(point), self._point_link(point)) for point in self.plan.points]
        first = self.sentences(self._points_lead(), *(told[0] if told else ()))
        third = told[2][0] if len(told) > 2 else ""
        second = told[1] if len(told) > 1 else ("", "")
        answer = self._answer()
        education = self._education()
        closing = self.sentences(
            self.fill(self.pick(self.words["closing"]["gaps" if self.facts.gaps else "no_gaps"])),
            self.fill(self.pick(self.words["close_forward"])),
            self.pick(self.words["thanks"]),
        )
        signed = self._signed("signoff")

        def letter(*, with_education: bool, with_third: bool) -> str:
            # Each achievement's link to the JD follows it; the third, shorter, goes last.
            body = self.sentences(*second, third if with_third else "", education * with_education)
            return _paragraphs(greeting, opening, first, body, answer, closing, signed)

        # The fullest letter within bounds: the degree is said only when the letter is
        # short without it; a third achievement is dropped before the bound is crossed.
        text = letter(with_education=False, with_third=True)
        if _words(text) < COVER_MIN_WORDS and education:
            text = letter(with_education=True, with_third=True)
        if _words(text) > COVER_MAX_WORDS:
            text = letter(with_education=False, with_third=False)
        return text

    def outreach(self) -> str:
        opening = self.fill(self.pick(self.words["outreach_opening"][self._job_key()]))
        intro = self._intro("outreach_intro")
        first = self.plan.points[0] if self.plan.points else None
        evidence = self.teller.tell(first, outreach=True) if first else ""
        skills = self._skills_sentence("outreach_skills") if len(self.plan.skills) > 1 else ""
        ask = self.pick(self.words["outreach_ask"])
        signed = self._signed("outreach_signoff")
        # Optional parts go first when the message runs long: skills, then intro, then evidence.
        for parts in ((intro, evidence, skills), (intro, evidence), (evidence,), ()):
            body = self.sentences(opening, *parts, ask)
            message = _paragraphs(body, signed)
            if _words(message) <= OUTREACH_MAX_WORDS:
                return message
        return message

    def connection_note(self) -> str:
        hello = self.pick(self.words["note_hello"])
        intro = self.fill(self.pick(self.words["note_intro"])) if self.facts.title else ""
        interest = self.fill(self.pick(self.words["note_interest"][self._job_key()]))
        skills = self._skills_sentence("note_skills") if self.plan.skills else ""
        close = self.pick(self.words["note_close"])
        for parts in (
            (hello, intro, interest, skills, close),
            (hello, intro, interest, close),
            (hello, interest, close),
            (interest,),
        ):
            note = self.sentences(*parts)
            if len(note) <= NOTE_MAX_CHARS:
                return note
        return note[:NOTE_MAX_CHARS].rsplit(" ", 1)[0]

    # -- sentences ----------------------------------------------------------------
    def _intro(self, key: str) -> str:
        facts = self.facts
        if not facts.title:
            return ""
        which = "title"
        if facts.employer:
            which = "current" if facts.employer_is_current else "recent"
        return self.fill(self.pick(self.words[key][which]))

    def _points_lead(self) -> str:
        if len(self.plan.points) < 2 or "points_lead" not in self.words:
            return ""
        return self._grounded(self.pick(self.words["points_lead"]))

    def _why(self) -> str:
        if self.plan.duties and "why_role" in self.words:
            duty = self.pick(self.plan.duties[:2])
            said = self._grounded(self.fill(self.pick(self.words["why_role"]), duty=duty))
            if said:
                return said
        return self._grounded(self.pick(self.words.get("why_plain", [])))

    def _company_is(self) -> str:
        if not self.job.company_is or "company_is" not in self.words:
            return ""
        template = self.pick(self.words["company_is"])
        return self._grounded(self.fill(template, company_is=self.job.company_is))

    def _career(self) -> str:
        if not self.plan.earlier or not self.facts.employer:
            return ""
        title, employer = self.plan.earlier
        template = self.pick(self.words["career"])
        return self._grounded(
            self.fill(template, title=title, a_title=self._article(title), employer=employer)
        )

    def _point_link(self, point: Point) -> str:
        """A sentence tying an achievement to the job; each phrasing once at most in a
        letter (repeating "the same care" reads as filler), none when all are used."""
        key = "point_link" if point.skills else "point_link_plain"
        options = [o for o in self.words.get(key, []) if o not in self._links_said]
        if not options:
            return ""
        said = self.pick(options)
        self._links_said.add(said)
        skills = _skill_list(self.words, list(point.skills))
        return self._grounded(self.fill(said, skills=skills))

    def _skills_link(self) -> str:
        if self.plan.skills:
            return self._skills_sentence("skills_link")
        if self.plan.own_skills and "skills_own" in self.words:
            skills = _skill_list(self.words, self.plan.own_skills)
            return self._grounded(self.fill(self.pick(self.words["skills_own"]), skills=skills))
        return ""

    def _answer(self) -> str:
        answer = self.plan.answer
        if answer is None:
            return ""
        lead = ""
        if "answer_lead" in self.words:
            lead = self._grounded(
                self.fill(self.pick(self.words["answer_lead"]), ask_me=_first_person(answer.ask))
            )
        lead = lead or self.pick(self.words["answer_lead_plain"])
        return self.sentences(lead, self.teller.tell(answer.line))

    def _education(self) -> str:
        if not self.plan.education:
            return ""
        degree, school = self.plan.education
        template = self.pick(self.words["education"])
        text = template.format(degree=degree, school=school, a_degree=self._article(degree))
        return self._grounded(text)

    def _grounded(self, text: str) -> str:
        """``text`` when it claims nothing the truth lacks, else nothing (JD wording
        restated in a letter may name a skill or a figure the resume does not have)."""
        return text if text and self.teller.fits(text) else ""

    def _skills_sentence(self, key: str) -> str:
        skills = _skill_list(self.words, self.plan.skills[:3])
        # In the JD's wording ("PostgreSQL" for the resume's "Postgres"), "I've worked with
        # PostgreSQL" reads to grounding as an employer: such a sentence is left out.
        return self._grounded(
            self.fill(self.pick(self.words[key]), skills=skills, Skills=_capital(skills))
        )

    def _signed(self, key: str) -> str:
        signoff = self.pick(self.words[key])
        return f"{signoff}\n{self.facts.name}" if self.facts.name else signoff

    def fill(self, template: str, **extra: str) -> str:
        facts, job = self.facts, self.job
        values = {
            "company": job.company, "role": job.role, "a_role": self._article(job.role),
            "title": facts.title, "a_title": self._article(facts.title),
            "employer": facts.employer,
            "company_or_team": job.company or self.words["company_or_team"],
            **extra,
        }  # fmt: skip
        return template.format_map(values)

    def sentences(self, *parts: str) -> str:
        return " ".join(part.strip() for part in parts if part and part.strip())

    def _article(self, noun: str) -> str:
        if not self.words.get("articles") or not noun:
            return noun
        return f"{'an' if noun[0].lower() in 'aeiou' else 'a'} {noun}"

    def _company_key(self) -> str:
        return "company" if self.job.company else "none"

    def _job_key(self) -> str:
        job = self.job
        if job.role and job.company:
            return "role_company"
        return "role" if job.role else ("company" if job.company else "none")


def _first_person(ask: str) -> str:
    """The JD's "a time you improved your team's process" as the applicant says it."""
    return re.sub(
        r"\b(?:you've|you're|you'd|yourself|yours|your|you)\b",
        lambda m: _YOU[m.group().lower()],
        ask,
        flags=re.IGNORECASE,
    )


def _skill_list(words: dict[str, Any], skills: list[str]) -> str:
    """Skills joined as a list mid-sentence, in the casing the language writes them."""
    lower = words.get("skill_case", "lower") == "lower"
    return _join(words, [mid_sentence(skill, lowercase_nouns=lower) for skill in skills])


def _join(words: dict[str, Any], items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return words["list_separator"].join(items[:-1]) + words["list_last"] + items[-1]


def _shorten(text: str, max_words: int) -> str:
    """``text`` cut at a clause boundary to about ``max_words``: words are only removed."""
    words = text.split()
    if len(words) <= max_words:
        return text
    head = " ".join(words[:max_words])
    for boundary in _CLAUSE_BREAKS:
        cut = head.rfind(boundary)
        if cut > len(head) // 2:
            return head[:cut].rstrip(" ,;")
    return head.rstrip(" ,;")


def _words(text: str) -> int:
    return len(text.split())


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _paragraphs(*parts: str) -> str:
    text = "\n\n".join(part.strip() for part in parts if part and part.strip())
    return re.sub(r"[ \t]+", " ", text)
