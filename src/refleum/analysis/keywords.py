"""JobKeywords from a job description, without a model.

Skills come back in the JD's own wording, one entry per skill: the vocabulary's canonical
name when the JD writes it anywhere ("postgresql", "PostgreSQL"), else the JD's first
spelling ("Postgres", "k8s", "CPA"). The match score credits that wording in full and other
names of the same skill in part, and the local engine swaps resume spellings toward it, so
all three agree on what "the JD's term" is. ``canonical_skill`` maps any of them back.
Routing:

* a skill in a requirements section -> ``required_skills`` (unless its own line says
  "preferred" / "a plus", then ``preferred_skills``);
* a skill in a "nice to have" section -> ``preferred_skills``;
* a skill mentioned only elsewhere, and every ``domain`` term (SaaS, API, payments) ->
  ``keywords``;
* a JD without any requirements heading: sentences with a requirement cue ("must",
  "experience with", "proficient") play the requirements section's part.

Each skill is listed once, in its strongest role, in order of first mention.
"""

from __future__ import annotations

import re

from refleum.analysis.jd_sections import (
    JdLine,
    Section,
    has_section,
    split_sections,
    states_preference,
    states_requirement,
)
from refleum.analysis.job_description import JobKeywords
from refleum.analysis.skills import find_skills, skill_category

MAX_RESPONSIBILITIES = 8
MAX_RESPONSIBILITY_CHARS = 140

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUMBER = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
# "5+ years", "3-5 years", "three to five yrs", "at least 4 years"; the minimum of a range.
_YEARS = re.compile(
    rf"\b{_NUMBER}\s*\+?\s*(?:(?:-|–|—|to)\s*{_NUMBER}\s*\+?\s*)?(?:years?|yrs?)\b(?P<rest>.{{0,60}})",
    re.IGNORECASE,
)
_EXPERIENCE_CONTEXT = re.compile(
    r"experience|exp\b|background|working|in (?:a|an|the)\b", re.IGNORECASE
)
_NOT_EXPERIENCE = re.compile(r"\b(?:old|ago|history|founded|warranty|anniversary)\b", re.IGNORECASE)

# Leftmost seniority word in the title wins ("Senior Product Manager" is Senior).
_SENIORITY = (
    ("Intern", r"intern(?:ship)?|trainee|apprentice"),
    ("Junior", r"junior|jr\.?|entry[- ]level|graduate"),
    ("Mid", r"mid[- ]?level|mid[- ]senior|intermediate|mid"),
    ("Senior", r"senior|sr\.?"),
    # "Staff Accountant" and "Staff Nurse" are entry titles; only the tech ladder's "Staff".
    (
        "Staff",
        r"staff(?=\s+(?:software|data|machine|ml|site|security|product|backend|"
        r"frontend|full|platform|infrastructure|research|engineer|scientist|developer|designer|"
        r"architect))",
    ),
    ("Principal", r"principal"),
    ("Lead", r"lead|head nurse|charge"),
    ("Manager", r"manager|supervisor"),
    ("Director", r"director|head of"),
    ("VP", r"vp|vice president|svp|evp"),
    ("Executive", r"chief|cto|ceo|cfo|coo|cmo|cio|c-level"),
)
_SENIORITY_WORD = re.compile(
    r"\b(?:" + "|".join(f"(?P<{label}>{words})" for label, words in _SENIORITY) + r")(?![\w-])",
    re.IGNORECASE,
)
_TITLE_LINE = re.compile(r"^(?:job title|title|position|role)\s*:\s*(.+)$", re.IGNORECASE)
_LOOKING_FOR = re.compile(
    r"\b(?:looking for|hiring|seeking|searching for|join us as)\s+(?:an?|the|our)?\s*"
    r"((?:[\w.&/-]+\s+){0,5}[\w.&/-]+)",
    re.IGNORECASE,
)

# Clauses: a cue such as "a plus" covers its own sentence or semicolon clause only
# ("Advanced Excel; NetSuite a plus" requires Excel).
_CLAUSE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])|\s*;\s*")
_YOU_WILL = re.compile(r"you(?:'ll|’ll| will)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"\s+(?:to|who|with|that|and|for|in|at|on|,)\b", re.IGNORECASE)


def extract_job_keywords(job_description: str) -> JobKeywords:
    """What ``job_description`` asks for: deterministic, no network."""
    lines = split_sections(job_description)
    required, preferred, keywords = _route_skills(lines)
    years = experience_years(lines)
    return JobKeywords(
        required_skills=required,
        preferred_skills=preferred,
        keywords=keywords,
        key_responsibilities=key_responsibilities(lines),
        experience_years=years,
        seniority_level=seniority_level(job_description, years),
    )


def _role_of(section: Section, sentence: str, headed: bool) -> Section:
    """Which list a skill in ``sentence`` (from a line in ``section``) belongs to."""
    if section is Section.PREFERRED:
        return Section.PREFERRED
    if section is Section.REQUIRED or (
        not headed and section is not Section.OTHER and states_requirement(sentence)
    ):
        return Section.PREFERRED if states_preference(sentence) else Section.REQUIRED
    if not headed and states_preference(sentence):
        return Section.PREFERRED
    return Section.INTRO


def _clauses(text: str) -> list[str]:
    return [part for part in _CLAUSE_BREAK.split(text) if part]


def _route_skills(lines: list[JdLine]) -> tuple[list[str], list[str], list[str]]:
    headed = has_section(lines, Section.REQUIRED) or has_section(lines, Section.PREFERRED)
    # canonical -> (role, position): 0 required, 1 preferred, 2 keyword; a skill is listed
    # where its strongest role first appears ("Postgres" in the intro, then in requirements,
    # is ordered by the requirements mention).
    strongest: dict[str, tuple[int, int]] = {}
    spellings: dict[str, list[str]] = {}
    rank = {Section.REQUIRED: 0, Section.PREFERRED: 1}
    position = 0
    for line in lines:
        for sentence in _clauses(line.text):
            role = rank.get(_role_of(line.section, sentence, headed), 2)
            for mention in find_skills(sentence):
                position += 1
                spellings.setdefault(mention.canonical, []).append(mention.surface)
                role_here = 2 if skill_category(mention.canonical) == "domain" else role
                if role_here < strongest.get(mention.canonical, (3, 0))[0]:
                    strongest[mention.canonical] = (role_here, position)
    ordered = sorted(strongest.items(), key=lambda item: item[1][1])
    required, preferred, keywords = (
        [_jd_spelling(name, spellings[name]) for name, (role, _) in ordered if role == wanted]
        for wanted in (0, 1, 2)
    )
    return required, preferred, keywords


def _jd_spelling(canonical: str, spellings: list[str]) -> str:
    """How the JD names a skill: the canonical name when the JD writes it (in any case),
    else the JD's first spelling ("k8s", "CPA", "Epic")."""
    if any(" ".join(s.split()).lower() == canonical.lower() for s in spellings):
        return canonical
    return " ".join(spellings[0].split())


def experience_years(lines: list[JdLine]) -> int | None:
    """Years of experience asked for: a range counts as its minimum; several statements
    count as the largest (the headline requirement), ignoring "nice to have" lines when
    any other line states years."""
    found: list[tuple[bool, int]] = []
    for line in lines:
        for match in _YEARS.finditer(line.text):
            context = match.group(0)
            if _NOT_EXPERIENCE.search(context) or not _EXPERIENCE_CONTEXT.search(context):
                continue
            low = _number(match.group(1))
            high = _number(match.group(2)) if match.group(2) else low
            preferred = line.section is Section.PREFERRED or states_preference(line.text)
            found.append((preferred, min(low, high)))
    if not found:
        return None
    firm = [years for preferred, years in found if not preferred]
    return max(firm or [years for _, years in found])


def _number(token: str) -> int:
    return int(token) if token.isdigit() else _NUMBER_WORDS[token.lower()]


def _title_candidates(job_description: str) -> list[str]:
    candidates: list[str] = []
    first = next((line.strip() for line in job_description.splitlines() if line.strip()), "")
    if first and len(first.split()) <= 12 and not first.endswith("."):
        candidates.append(first)
    for line in job_description.splitlines():
        titled = _TITLE_LINE.match(line.strip())
        if titled:
            candidates.append(titled.group(1))
    for match in _LOOKING_FOR.finditer(job_description):
        # "looking for an engineer to lead X": the title ends where the clause starts.
        candidates.append(_CLAUSE_START.split(match.group(1))[0])
    return candidates


def seniority_level(job_description: str, years: int | None) -> str | None:
    """Seniority from the title's wording, else from the years asked for."""
    for candidate in _title_candidates(job_description):
        match = _SENIORITY_WORD.search(candidate)
        if match:
            return match.lastgroup
    if years is None:
        return None
    if years < 2:
        return "Junior"
    return "Mid" if years < 5 else "Senior"


def key_responsibilities(lines: list[JdLine]) -> list[str]:
    """The JD's responsibility bullets, cleaned and shortened, in JD order."""
    duties = [line for line in lines if line.section is Section.RESPONSIBILITIES]
    if any(line.is_bullet for line in duties):
        # Prose around the list ("We're a fintech. As X you will:") is not a duty.
        duties = [line for line in duties if line.is_bullet]
    picked = [line.text for line in duties if not line.text.endswith(":")]
    if not picked:
        picked = [
            sentence
            for line in lines
            for sentence in _clauses(line.text)
            if _YOU_WILL.match(sentence)
        ]
    out: list[str] = []
    for text in picked:
        short = _shorten(text)
        if short and short not in out and len(short.split()) >= 2:
            out.append(short)
    return out[:MAX_RESPONSIBILITIES]


def _shorten(text: str) -> str:
    """One responsibility: the first sentence, cut at a clause boundary when long."""
    sentence = re.split(r"(?<=[.!?])\s+", text.strip())[0].rstrip(" .;:")
    if len(sentence) <= MAX_RESPONSIBILITY_CHARS:
        return sentence
    head = sentence[:MAX_RESPONSIBILITY_CHARS]
    for boundary in ("; ", ", ", " and ", " "):
        cut = head.rfind(boundary)
        if cut > MAX_RESPONSIBILITY_CHARS // 2:
            return head[:cut].rstrip(" ,;")
    return head.rstrip()
