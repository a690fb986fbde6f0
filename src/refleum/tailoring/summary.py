"""The FULL strategy's summary and headline title, composed from the resume's own facts.

The engine writes a few words of its own (the templates in ``data/local_templates.json``,
one set per language); every fact in the result comes from the resume: a title it already
holds, the JD skills it states or shows (the match scorer's evidence), quantified
achievements it states (achievements.py: its own words and numbers, the verb made a
clause), the employers they were achieved at. One number is computed rather than copied:
the years of experience, from the resume's own dates by ``analysis/tenure.py``, the same
function the truth checks accept that figure by (and no other number of years).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from refleum.analysis.facts import TruthFacts, new_claims
from refleum.analysis.relevance import JobProfile
from refleum.analysis.scoring import resume_evidence
from refleum.analysis.skill_case import mid_sentence
from refleum.analysis.skills import find_skills
from refleum.analysis.tenure import experience_years
from refleum.resume_data import ResumeData
from refleum.tailoring.achievements import Achievement, achievements
from refleum.tailoring.guard import job_titles_of, protected_terms_of, terms_altered

MAX_SUMMARY_SKILLS = 4
MIN_ACHIEVEMENTS = 2
MAX_ACHIEVEMENTS = 3
MAX_ACHIEVEMENT_WORDS = 30  # a third clause only while the sentence stays readable
_TITLE_WORD = re.compile(r"[^\W\d_]{2,}")


class UnsupportedLanguage(ValueError):  # noqa: N818 - the name the API layer expects
    """The local engine has no templates for this language; an LLM provider is needed."""

    def __init__(self, language: str) -> None:
        super().__init__(
            f"the local engine cannot write {language!r}; configure an LLM provider for it"
        )
        self.language = language


@lru_cache(maxsize=1)
def _templates() -> dict[str, dict[str, str]]:
    path = resources.files("refleum.tailoring").joinpath("data/local_templates.json")
    return json.loads(path.read_text("utf-8"))["languages"]


def supported_languages() -> tuple[str, ...]:
    return tuple(sorted(_templates()))


def language_templates(language: str) -> dict[str, str]:
    """Templates for a BCP-47 tag ("pt-BR" uses "pt"); UnsupportedLanguage otherwise."""
    primary = language.strip().replace("_", "-").split("-")[0].lower()
    templates = _templates().get(primary)
    if templates is None:
        raise UnsupportedLanguage(language)
    return templates


def headline_title(resume: ResumeData, profile: JobProfile) -> str:
    """The current headline or the latest job's title, whichever fits the JD's title and
    terms better; the current headline wins ties. Older titles are not offered: a headline
    says who the candidate is now."""
    current = resume.personalInfo.title.strip()
    latest = resume.workExperience[0].title.strip() if resume.workExperience else ""
    candidates = [title for title in (current, latest) if title]
    if not candidates:
        return ""
    jd_title_words = _title_words(profile.title)

    def fit(title: str) -> float:
        return len(_title_words(title) & jd_title_words) + profile.score(title)

    best = max(range(len(candidates)), key=lambda i: (fit(candidates[i]), -i))
    return candidates[best]


def _title_words(text: str) -> set[str]:
    return {word.lower() for word in _TITLE_WORD.findall(text)}


def compose_summary(resume: ResumeData, profile: JobProfile, title: str, language: str) -> str:
    """Who (a title the resume holds) with how many years (the dates' sum) of what (the
    JD skills the resume states or shows); then two or three of its quantified
    achievements, the most relevant to the JD first, each at its employer.

    Empty when the resume shows none of the JD's skills: nothing to tailor toward, so the
    old summary is better kept. Every part is checked against what a summary may state
    (``TruthFacts.summary_facts``, the truth guard's own test) before it is used.
    """
    templates = language_templates(language)
    in_title = {m.canonical for m in find_skills(title)}  # no "Registered Nurse with ... RN"
    shown = _summary_skills(resume, profile, exclude=in_title)
    if not shown:
        return ""
    facts = TruthFacts.from_resume(resume).summary_facts
    skills = [_mid_sentence(name, templates) for name in shown if not new_claims(name, facts)]
    if not skills:
        return ""
    years = experience_years(resume)
    if years is None:
        experience = templates["experience"]
    else:
        key = "experience_one_year" if years == 1 else "experience_years"
        experience = templates[key].format(years=years)
    template = templates["lead"] if title else templates["lead_skills_only"]
    lead = template.format(title=title, experience=experience, skills=_join(skills, templates))
    sentences = [lead[:1].upper() + lead[1:]]
    chosen = _achievements(resume, profile, facts)
    for with_employers in (True, False):
        summary = _sentences(sentences, _clauses(chosen, templates, with_employers), templates)
        # The guard never lets a summary name an employer where the old summary named
        # another protected term it drops (a swap looks the same): without them, then.
        if not _alters_terms(resume, summary):
            return summary
    return ""


def _sentences(lead: list[str], clauses: list[str], templates: dict[str, str]) -> str:
    sentences = list(lead)
    if clauses:
        sentences.append(templates["achievements"].format(achievements=_join(clauses, templates)))
    # An employer ending in a dot ("Gap Inc.") ends the sentence with it.
    return " ".join(s[:-1] if s.endswith("..") else s for s in sentences)


def _alters_terms(resume: ResumeData, summary: str) -> bool:
    protected = protected_terms_of(resume)
    titles = job_titles_of(resume)
    return bool(terms_altered(resume.summary, summary, "summary", protected, titles=titles))


def _achievements(resume: ResumeData, profile: JobProfile, facts: TruthFacts) -> list[Achievement]:
    """Up to three achievements (two when a third would make the sentence long)."""
    chosen: list[Achievement] = []
    words = 0
    for achievement in achievements(resume, profile):
        if len(chosen) == MAX_ACHIEVEMENTS:
            break
        size = len(achievement.clause.split())
        if len(chosen) >= MIN_ACHIEVEMENTS and words + size > MAX_ACHIEVEMENT_WORDS:
            break
        if new_claims(achievement.clause, facts):  # a gerund naming a skill ("recruiting")
            continue
        chosen.append(achievement)
        words += size
    return chosen


def _clauses(chosen: list[Achievement], templates: dict[str, str], employers: bool) -> list[str]:
    """Each clause names its employer when they come from more than one, so none reads as
    done at another's; from one employer, the first names it."""
    several = len({a.company for a in chosen}) > 1
    return [
        templates["achievement_at"].format(achievement=a.clause, company=a.company)
        if employers and a.company and (several or i == 0)
        else a.clause
        for i, a in enumerate(chosen)
    ]


def _summary_skills(resume: ResumeData, profile: JobProfile, exclude: set[str]) -> list[str]:
    """The JD's skills the resume states (any spelling) or shows (a soft skill's evidence
    rule), most weighted by the JD first, written as the JD writes them."""
    evidence = resume_evidence(resume)
    jd_order = {name: rank for rank, name in enumerate(profile.weights)}
    ranked = sorted(
        (name for name, weight in profile.weights.items() if weight > 0 and name not in exclude),
        key=lambda name: (-profile.skill_weight(name), jd_order[name]),
    )
    chosen: list[str] = []
    for name in ranked:
        wording = profile.wording.get(name, name)
        # The vocabulary's find is cheap and settles most; the scorer's variant and
        # evidence-rule look-ups (the costly part) only for the rest.
        if name in evidence.skills or evidence.shows(wording):
            chosen.append(wording)
        if len(chosen) == MAX_SUMMARY_SKILLS:
            break
    return chosen


def _mid_sentence(name: str, templates: dict[str, str]) -> str:
    return mid_sentence(name, lowercase_nouns=templates.get("skill_case") == "lower")


def _join(items: list[str], templates: dict[str, str]) -> str:
    if len(items) == 1:
        return items[0]
    return templates["list_separator"].join(items[:-1]) + templates["list_last"] + items[-1]
