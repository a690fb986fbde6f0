"""The facts of a truth source, and what a new text claims beyond them.

A text may be reworded freely with ordinary words; it may not add a fact. The kinds of
fact checked here:

* **skill**: any vocabulary skill (alias-aware, via ``find_skills``) the truth lacks;
* **number**: any quantity the truth lacks, compared by value and unit (``35%`` equals
  ``35 percent``; ``$2.4B`` equals ``2.4 billion``; ``twelve`` equals ``12``), and any
  token with a digit in it (``5G``, ``10th``) the truth does not write. A number of years
  ("9 years", "9+ Jahre", "nine-year") is held to more: the truth must say that many
  years itself, or, in a summary only, the number must be the years of experience its
  dates add up to (tenure.py), so "12 years" never passes because "12 engineers" does;
* **date**: a year or month-year the truth does not hold;
* **entity**: a capitalised word or run of words (``Google``, ``AWS Certified``, ``MIT``,
  ``PhD``), or a credential or rank word (``certified``, ``degree``, ``lead``, ``manager``)
  the truth does not contain.
  A capitalised common word opening a sentence ("Developed", "Led") is not an entity.

The check is strict on purpose: rejecting an honest rewording costs a little polish,
accepting a fabrication breaks the product's promise.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property, lru_cache
from importlib import resources
from typing import Literal

from refleum.analysis.competencies import rules as competency_rules
from refleum.analysis.grounding import normalize_for_grounding, occurs_in, string_values
from refleum.analysis.skills import SkillMention, find_skills
from refleum.analysis.tenure import experience_years
from refleum.resume_data import ResumeData

SkillFinder = Callable[[str], list[SkillMention]]
ClaimKind = Literal["skill", "number", "date", "entity"]

# A word starts a token: the "M" of "$2.4M" is part of a number, not a word.
_WORD = re.compile(r"(?<![^\W_])[^\W\d_](?:[\w&'’+#.-]*[\w+#])?")
_DIGIT_TOKEN = re.compile(r"[^\W_]*\d[^\W_]*")
_CONTACT_PATH = re.compile(
    r"(?:^personalInfo\.(?:email|phone|website|linkedin|github)|\.(?:github|website))$"
)
_OPENERS = '.!?:;•·*▪‣–—|("“\n\r'
_CREDENTIAL_OR_RANK = re.compile(
    r"\b(?:certified|certifications?|certificates?|licensed|licen[cs]e|accredited|chartered|"
    r"degrees?|bachelor(?:'s|s)?|master's|masters|doctorate|doctoral|ph\.?\s?d|mba|diplomas?|"
    r"patents?|patented|awards?|awarded|scholarships?|fellowships?|valedictorian|cum laude|"
    r"honou?rs|dean's list|"
    # rank words: a title inflated in lowercase ("as the lead pharmacist") is a claim too
    r"senior|lead|principal|chief|head of|director|manager|vp|vice president|president|"
    r"founder|co-?founder|owner|executive|supervisor)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Claim:
    """Something a text asserts that its truth source does not."""

    kind: ClaimKind
    surface: str

    def __str__(self) -> str:
        return f"{self.kind} {self.surface!r}"


@dataclass(frozen=True)
class SourceLine:
    path: str
    text: str


def default_skill_finder() -> SkillFinder:
    return find_skills


@dataclass(frozen=True)
class TruthFacts:
    """Everything a tailored resume may state, read from its truth source."""

    skills: frozenset[str]
    quantities: frozenset[Quantity]
    dates: frozenset[str]
    text: str  # the whole truth, normalised for whole-token look-ups
    lines: tuple[SourceLine, ...]
    skill_finder: SkillFinder = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    # The numbers of years the truth states itself ("9 years in intensive care").
    year_counts: frozenset[Decimal] = frozenset()
    # Years of experience the truth's work dates add up to (tenure.py), whole resumes only.
    dated_years: int | None = None
    # The years figure a text checked against these facts may state: set on summary_facts.
    claimable_years: int | None = None

    @classmethod
    def from_resume(
        cls, resume: ResumeData, *, skill_finder: SkillFinder | None = None
    ) -> TruthFacts:
        lines = [SourceLine(path, value) for path, value in string_values(resume)]
        facts = cls.from_lines(lines, skill_finder=skill_finder)
        return replace(facts, dated_years=experience_years(resume))

    @cached_property
    def summary_facts(self) -> TruthFacts:
        """What a summary may state, which is a little more than a bullet: the years of
        experience the dates add up to, and the soft skills the truth shows by an evidence
        rule (competencies.py: "grew the team from 3 to 28 engineers" shows Team
        leadership) as well as those it names. The local engine's summary is written from
        the same two functions, so what it writes is what is accepted here."""
        shown = {
            skill
            for skill, patterns in competency_rules().items()
            if any(p.search(line.text) for line in self.lines for p in patterns)
        }
        return replace(self, skills=self.skills | shown, claimable_years=self.dated_years)

    @classmethod
    def from_lines(
        cls, lines: list[SourceLine], *, skill_finder: SkillFinder | None = None
    ) -> TruthFacts:
        """The facts of some truth lines only (one job's, when a bullet is checked)."""
        finder = skill_finder or default_skill_finder()
        lines = tuple(line for line in lines if line.text.strip())
        skills: set[str] = set()
        found_quantities: set[Quantity] = set()
        dates: set[str] = set()
        year_counts: set[Decimal] = set()
        for line in lines:
            skills |= {mention.canonical for mention in finder(line.text)}
            dates |= {d for d, _span in date_values(line.text)}
            if not _CONTACT_PATH.search(line.path):  # a phone number is not a metric
                found = quantities(line.text)
                found_quantities |= {q for q, _span in found}
                year_counts |= {q.value for q, span in found if _counts_years(line.text, span)}
        return cls(
            skills=frozenset(skills),
            quantities=frozenset(found_quantities),
            dates=frozenset(dates),
            text=normalize_for_grounding("\n".join(line.text for line in lines)),
            lines=lines,
            skill_finder=finder,
            year_counts=frozenset(year_counts),
        )

    def scoped(self, prefix: str) -> TruthFacts:
        """The facts of the lines under ``prefix`` (``workExperience[1].``) alone."""
        lines = [line for line in self.lines if line.path.startswith(prefix)]
        return TruthFacts.from_lines(lines, skill_finder=self.skill_finder)

    def contains(self, surface: str) -> bool:
        """True when ``surface`` occurs in the truth as a whole token run (any case)."""
        return occurs_in(normalize_for_grounding(surface), self.text)

    def lines_with(self, surface: str) -> list[SourceLine]:
        """The truth lines that write ``surface`` as a whole token run."""
        folded = normalize_for_grounding(surface)
        return [
            line for line in self.lines if occurs_in(folded, normalize_for_grounding(line.text))
        ]

    def lines_with_skill(self, canonical: str) -> list[SourceLine]:
        return [
            line
            for line in self.lines
            if any(m.canonical == canonical for m in self.skill_finder(line.text))
        ]


def new_claims(text: str, facts: TruthFacts) -> list[Claim]:
    """Every skill, number, date or proper noun in ``text`` that ``facts`` lacks, in order."""
    mentions = facts.skill_finder(text)
    claims = [Claim("skill", m.surface) for m in mentions if m.canonical not in facts.skills]
    covered = [(m.start, m.end) for m in mentions]  # skills are judged above, not as names
    date_spans: list[tuple[int, int]] = []
    for value, span in date_values(text):
        date_spans.append(span)
        if value not in facts.dates:
            claims.append(Claim("date", text[span[0] : span[1]]))
    number_spans: list[tuple[int, int]] = []
    for quantity, span in quantities(text):
        number_spans.append(span)
        if _overlaps(span, date_spans):
            continue
        if _counts_years(text, span):
            if not _years_supported(quantity, facts):
                years = _YEARS_AFTER.match(text, span[1])
                claims.append(Claim("number", text[span[0] : years.end() if years else span[1]]))
        elif quantity not in facts.quantities:
            claims.append(Claim("number", text[span[0] : span[1]]))
    claims += _digit_token_claims(text, facts, covered + date_spans + number_spans)
    claims += _entity_claims(text, facts, covered + date_spans + number_spans)
    claims += [
        Claim("entity", m.group())
        for m in _CREDENTIAL_OR_RANK.finditer(text)
        if not _overlaps(m.span(), covered) and not facts.contains(m.group())
    ]
    return _unique(claims)


# A number of years: "9 years", "9+ yrs", "nine-year", "9 años", "9 ans", "9 Jahren".
_YEARS_AFTER = re.compile(
    r"\s*\+?\s*-?\s*(?:years?|yrs?|años?|anos?|ans?|jahr(?:e|en)?|ann[io]|jaar|jaren)"
    r"(?![^\W\d_])",
    re.IGNORECASE,
)


def _counts_years(text: str, span: tuple[int, int]) -> bool:
    return _YEARS_AFTER.match(text, span[1]) is not None


def _years_supported(quantity: Quantity, facts: TruthFacts) -> bool:
    """A number of years stands when the truth states that many years itself, or when it
    is the years of experience the dates add up to and the text may state it (a summary)."""
    if quantity.unit:
        return False
    if facts.claimable_years is not None and quantity.value == facts.claimable_years:
        return True
    return quantity.value in facts.year_counts


def _digit_token_claims(text: str, facts: TruthFacts, spans: list[tuple[int, int]]) -> list[Claim]:
    """Tokens with a digit that no quantity explains ("5G", "10th") must be the truth's."""
    return [
        Claim("number", m.group())
        for m in _DIGIT_TOKEN.finditer(text)
        if not _inside(m.span(), spans) and not facts.contains(m.group())
    ]


def _entity_claims(text: str, facts: TruthFacts, skill_spans: list[tuple[int, int]]) -> list[Claim]:
    claims: list[Claim] = []
    for run in _capitalised_runs(text, skill_spans):
        words = [w for w in run if not _neutral_opener(text, w)]
        unknown = [w for w in words if not facts.contains(w.group())]
        claims += [Claim("entity", w.group()) for w in unknown]
        if len(words) >= 2 and not unknown:
            phrase = text[words[0].start() : words[-1].end()]
            if not facts.contains(phrase):
                claims.append(Claim("entity", phrase))  # known words, new name: "Google Cloud"
    return claims


def _capitalised_runs(text: str, skill_spans: list[tuple[int, int]]) -> list[list[re.Match]]:
    """Runs of capitalised words separated only by spaces, skills left out."""
    runs: list[list[re.Match]] = []
    previous_end = -2
    for match in _WORD.finditer(text):
        word = match.group()
        if not any(ch.isupper() for ch in word) or _overlaps(match.span(), skill_spans):
            previous_end = -2
            continue
        between = text[previous_end : match.start()] if previous_end >= 0 else None
        if between is not None and between.strip(" ") == "" and runs:
            runs[-1].append(match)
        else:
            runs.append([match])
        previous_end = match.end()
    return runs


def capitalised_words(text: str) -> list[str]:
    """Words with a capital letter: the candidates for names."""
    return [w for w in _WORD.findall(text) if any(ch.isupper() for ch in w)]


def _neutral_opener(text: str, word: re.Match) -> bool:
    """A common word capitalised only because it opens a sentence or bullet."""
    surface = word.group()
    if surface[1:] != surface[1:].lower():
        return False  # acronyms and CamelCase are names wherever they stand
    head = text[: word.start()].rstrip(" \t")
    if surface == "I" or surface.lower() in template_words():
        return True
    head = text[: word.start()].rstrip(" \t")
    return (not head or head[-1] in _OPENERS) and surface.lower() in common_words()


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary words a rewording may capitalise at the start of a sentence."""
    raw = _data_file("common_words.txt")
    return frozenset(
        line.strip().lower()
        for line in raw.splitlines()
        if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def template_words() -> frozenset[str]:
    """The local engine's own template prose (German capitalises its nouns): never facts."""
    # The local tailoring engine's template prose is never a fact. Read as data (no import):
    # moving it down here would split the templates from the engine that writes them.
    path = resources.files("refleum.tailoring").joinpath("data", "local_templates.json")
    templates = json.loads(path.read_text("utf-8"))
    words: set[str] = set()
    for language in templates.get("languages", {}).values():
        for template in language.values():
            prose = re.sub(r"\{[^}]*\}", " ", template)
            words |= {w.lower() for w in _WORD.findall(prose)}
    return frozenset(words)


def _data_file(name: str) -> str:
    return resources.files("refleum.analysis").joinpath("data", name).read_text("utf-8")


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _inside(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _unique(claims: list[Claim]) -> list[Claim]:
    return list(dict.fromkeys(claims))


# --- quantities and dates -------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A number by value and unit: ``35%`` and ``35 percent`` are the same quantity."""

    value: Decimal
    unit: str  # "" (plain, counts and money), "percent" or "times"


_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_SUFFIXES = {"k": 10**3, "m": 10**6, "mm": 10**6, "mn": 10**6, "b": 10**9, "bn": 10**9}
_UNIT = r"(?P<unit>\s?%|\s?(?:percent|per\s?cent|pct)\b|\s?[x×](?![A-Za-z])|\s?times\b|-?fold\b)?"
_NUMERAL = re.compile(
    rf"(?<![\w.,])(?:[$€£¥]\s?)?(?P<number>{_DIGITS})"
    rf"(?:\s?(?P<word>thousand|million|billion|trillion)\b|(?P<suffix>bn|mm|mn|k|m|b)(?![A-Za-z]))?"
    rf"{_UNIT}(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_UNITS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
    "dozens": 12, "hundred": 100, "hundreds": 100, "thousands": 1000, "millions": 10**6,
    "billions": 10**9,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_TIMES_WORDS = {"doubled": 2, "double": 2, "tripled": 3, "triple": 3, "quadrupled": 4}
_WORD_NUMBER = re.compile(
    rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[- ](?P<ones>{'|'.join(_UNITS)}))?|"
    rf"(?P<unit_word>{'|'.join(_UNITS)})|(?P<one>one|a|an)(?=\s+(?:hundred|thousand|million|billion)\b))"
    rf"(?:\s+(?P<word>hundred|thousand|million|billion)\b)?{_UNIT}"
    rf"|\b(?P<times>{'|'.join(_TIMES_WORDS)})\b",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*[$€£¥]?")
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH_YEAR = re.compile(
    r"\b(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+"
    r"(?P<year>(?:19|20)\d{2})\b|\b(?P<mm>0?[1-9]|1[0-2])/(?P<yy>(?:19|20)\d{2})\b|"
    r"\b(?P<iy>(?:19|20)\d{2})-(?P<im>0[1-9]|1[0-2])\b",
    re.IGNORECASE,
)


def quantities(text: str) -> list[tuple[Quantity, tuple[int, int]]]:
    """Every number in ``text`` (digits or words) as a value with its unit and span."""
    raw: list[tuple[Decimal, int, str, tuple[int, int]]] = []
    for match in _NUMERAL.finditer(text):
        scale = _SCALE_WORDS.get((match.group("word") or "").lower()) or _SCALE_SUFFIXES.get(
            (match.group("suffix") or "").lower(), 0
        )
        number = Decimal(match.group("number").replace(",", ""))
        raw.append((number, scale, _unit(match.group("unit")), match.span()))
    for match in _WORD_NUMBER.finditer(text):
        raw.append(_word_quantity(match))
    raw.sort(key=lambda item: item[3])
    found: list[tuple[Quantity, tuple[int, int]]] = []
    for i, (number, scale, unit, span) in enumerate(raw):
        bare = not unit and not scale
        if bare and i + 1 < len(raw) and _RANGE_JOIN.fullmatch(text[span[1] : raw[i + 1][3][0]]):
            # "20-30%", "$1-2M": a bare first end of a range takes the second's unit, and its
            # scale when the digits rise ("400,000 to 1.1 million" is not 400,000 million)
            next_number, next_scale, unit, _ = raw[i + 1]
            scale = next_scale if number <= next_number else 0
        value = (number * scale if scale else number).normalize()
        found.append((Quantity(value, unit), span))
    return found


def _word_quantity(match: re.Match) -> tuple[Decimal, int, str, tuple[int, int]]:
    if match.group("times"):
        return Decimal(_TIMES_WORDS[match.group("times").lower()]), 0, "times", match.span()
    if match.group("tens"):
        number = _TENS[match.group("tens").lower()] + _UNITS.get(
            (match.group("ones") or "").lower(), 0
        )
    elif match.group("unit_word"):
        number = _UNITS[match.group("unit_word").lower()]
    else:
        number = 1
    scale = {"hundred": 100, **_SCALE_WORDS}.get((match.group("word") or "").lower(), 0)
    return Decimal(number), scale, _unit(match.group("unit")), match.span()


def _unit(surface: str | None) -> str:
    if not surface:
        return ""
    surface = surface.strip().lower()
    return "percent" if surface[0] in "%p" else "times"


def date_values(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Month-years in ``text`` as ``"YYYY-MM"`` with their spans (years alone are numbers)."""
    found = []
    for match in _MONTH_YEAR.finditer(text):
        if match.group("month"):
            year, month = match.group("year"), _MONTHS[match.group("month")[:3].lower()]
        elif match.group("mm"):
            year, month = match.group("yy"), int(match.group("mm"))
        else:
            year, month = match.group("iy"), int(match.group("im"))
        found.append((f"{year}-{month:02d}", match.span()))
    return found
