"""What a local letter says, before any wording: which achievements, in which order,
which of the JD's questions it answers, and what it admits.

The achievements are the resume lines most relevant to the JD (its skills first, then its
words, then a figure), limited to the lines the writer can tell in its own words
(``tellable``). A regenerated letter (``variant`` > 0) draws another selection and order
from the strongest few, so it is a different letter, not a reshuffled sentence.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lemminflect import getAllLemmas

from refleum.analysis.competencies import showing_line
from refleum.analysis.keywords import extract_job_keywords
from refleum.analysis.relevance import JobProfile, job_profile
from refleum.analysis.skills import find_skills
from refleum.letters.evidence import LetterFacts, Line, letter_facts, resume_lines
from refleum.letters.grounding import TruthIndex, claims_in
from refleum.letters.jd_facts import JobFacts, job_facts
from refleum.resume_data import ResumeData

MAX_POINTS = 3
POOL = 5  # a regenerated letter chooses among this many of the strongest lines
_WORD = re.compile(r"[A-Za-z][a-z]+")
_STOP = frozenset(
    "a an the and or of to in on at for with by from your you our we us time times about "
    "how what when where which who why that this these those it its is are was were be been "
    "have has had do did done can could would should will please describe tell share "
    "experience example examples situation approach".split()
)


@dataclass(frozen=True)
class Point:
    """One achievement the letter tells, and the JD skills it shows (JD wording)."""

    line: Line
    skills: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    ask: str  # the JD's topic, as it words it
    line: Line


@dataclass
class Plan:
    facts: LetterFacts  # name, title, employer, gaps
    job: JobFacts
    points: list[Point] = field(default_factory=list)
    answer: Answer | None = None
    skills: list[str] = field(default_factory=list)  # JD skills the points show
    education: tuple[str, str] | None = None  # (degree, institution) as the resume writes them
    duties: list[str] = field(default_factory=list)  # the JD's duties, closest to the resume first
    earlier: tuple[str, str] | None = None  # (title, employer) of the job before the latest
    own_skills: list[str] = field(default_factory=list)  # the resume's skills list, its spelling


def plan(
    source: ResumeData,
    truth: ResumeData,
    job_description: str,
    *,
    variant: int = 0,
    avoid: str = "",
    tellable: Callable[[Line], bool] = lambda line: True,
) -> Plan:
    facts = letter_facts(source, truth, job_description)
    job = job_facts(job_description)
    index = TruthIndex.build(truth, job_description)
    keywords = extract_job_keywords(job_description)
    profile = job_profile(keywords, job_description)
    lines = [
        line for line in resume_lines(source) if not claims_in(line.text, index) and tellable(line)
    ]
    answer = _answer(job.asks, lines)
    ranked = _ranked([line for line in lines if not answer or line != answer.line], profile)
    chosen = _choose(ranked, variant, avoid)
    points = [Point(line, _skills_shown(line, profile, index)) for line in chosen]
    skills = list(dict.fromkeys(skill for point in points for skill in point.skills))
    return Plan(
        facts=facts,
        job=job,
        points=points,
        answer=answer,
        skills=skills or facts.skills,
        education=_education(source, index),
        duties=_duties(keywords.key_responsibilities, index),
        earlier=_earlier(source),
        own_skills=[
            skill.strip()
            for skill in source.additional.technicalSkills
            if skill.strip() and index.grounded(skill)
        ][:3],
    )


def _earlier(source: ResumeData) -> tuple[str, str] | None:
    jobs = source.workExperience
    if len(jobs) < 2 or not jobs[1].title.strip() or not jobs[1].company.strip():
        return None
    return jobs[1].title.strip(), jobs[1].company.strip()


def _duties(duties: list[str], index: TruthIndex) -> list[str]:
    """The JD's duties as a letter can restate them ("write SQL models"), those naming
    skills the resume has first; a duty naming a skill it lacks is left out."""
    usable = []
    for duty in duties:
        duty = re.sub(r"^(?:you\s+will|you'll|to)\s+", "", duty.strip(" .;"), flags=re.I)
        skills = {m.canonical for m in find_skills(duty)}
        if len(duty.split()) < 3 or len(duty.split()) > 16 or skills - index.skills:
            continue
        first, _, rest = duty.partition(" ")
        first = first if first.isupper() else first.lower()
        usable.append((-len(skills), f"{first} {rest}".replace(" our ", " your ")))
    return [duty for _score, duty in sorted(usable, key=lambda item: item[0])]


def _ranked(lines: list[Line], profile: JobProfile) -> list[Line]:
    # A line with a figure is concrete evidence; relevance to the JD decides first.
    def strength(line: Line) -> float:
        return profile.score(line.text) + (0.5 if re.search(r"\d", line.text) else 0.0)

    return sorted(lines, key=lambda line: (-strength(line), line.order))


def _choose(ranked: list[Line], variant: int, avoid: str) -> list[Line]:
    """Variant 0: the strongest lines. Another variant: lines the letter it replaces
    (``avoid``) did not tell come first, in a seeded selection and order among the
    strongest ``POOL``; then the told ones, when there are not enough others."""
    if variant == 0 or len(ranked) <= 1:
        return ranked[:MAX_POINTS]
    rng = random.Random(variant)
    fresh = [line for line in ranked if not _told_in(line, avoid)][:POOL]
    told = [line for line in ranked if line not in fresh][:POOL]
    chosen = rng.sample(fresh, min(MAX_POINTS, len(fresh)))
    chosen += rng.sample(told, min(MAX_POINTS - len(chosen), len(told)))
    if not avoid and set(chosen) == set(ranked[: len(chosen)]) and len(ranked) > len(chosen):
        # Another selection, not only another order: swap the weakest for one not used.
        chosen[-1] = rng.choice(ranked[len(chosen) : POOL + 1])
    return chosen


def _told_in(line: Line, text: str) -> bool:
    """Does ``text`` already tell ``line``? Most of its content words (numbers included)
    appear in it, whatever the order or the language around them."""
    if not text:
        return False
    content = {w for w in re.findall(r"\w+", line.text.casefold()) if len(w) > 3 or w.isdigit()}
    if not content:
        return False
    present = set(re.findall(r"\w+", text.casefold()))
    return len(content & present) / len(content) >= 0.6


def _skills_shown(line: Line, profile: JobProfile, index: TruthIndex) -> tuple[str, ...]:
    shown = [
        m.canonical
        for m in find_skills(line.text)
        if m.canonical in profile.weights and m.canonical in index.skills
    ]
    ordered = sorted(dict.fromkeys(shown), key=lambda name: -profile.skill_weight(name))
    return tuple(profile.wording.get(name, name) for name in ordered[:2])


def _answer(asks: tuple[str, ...], lines: list[Line]) -> Answer | None:
    """The first ask a resume line can answer: it shows a skill the ask names (stated or
    demonstrated by the competency rules), or shares two content words with it."""
    for ask in asks:
        ask_skills = {m.canonical for m in find_skills(ask)}
        ask_words = _content_lemmas(ask)
        best, best_score = None, 0
        for line in lines:
            shown = {m.canonical for m in find_skills(line.text)}
            shown |= {skill for skill in ask_skills if showing_line(skill, line.text)}
            score = 2 * len(ask_skills & shown) + len(ask_words & _content_lemmas(line.text))
            if score > best_score:
                best, best_score = line, score
        if best is not None and best_score >= 2:
            return Answer(ask, best)
    return None


def _content_lemmas(text: str) -> set[str]:
    lemmas = set()
    for word in _WORD.findall(text):
        folded = word.lower()
        if folded in _STOP:
            continue
        forms = getAllLemmas(folded)
        lemma = (forms.get("VERB") or forms.get("NOUN") or (folded,))[0]
        lemmas.add(lemma)
    return lemmas


def _education(source: ResumeData, index: TruthIndex) -> tuple[str, str] | None:
    for entry in source.education:
        degree, school = entry.degree.strip(), entry.institution.strip()
        if degree and school and index.grounded(degree) and index.grounded(school):
            return degree, school
    return None
