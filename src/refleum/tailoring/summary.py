"""The FULL strategy's summary and headline title, composed from the resume's own facts.

The engine writes a few words of its own (the templates in ``data/local_templates.json``,
one set per language); every fact in the result is text copied from the resume: a title
it already holds, an employer it names, skills it shows. No years are counted and no
number is computed, because a number the resume does not contain is an invented one.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from refleum.analysis.relevance import JobProfile
from refleum.analysis.skills import find_skills
from refleum.resume_data import ResumeData
from refleum.tailoring.rewording import swap_terms

MAX_SUMMARY_SKILLS = 4
MAX_KEPT_SENTENCES = 2
_ONGOING = re.compile(
    r"\b(?:present|current|now|today|ongoing|actual(?:idad)?|hoy|presente|aujourd'hui|"
    r"heute|jetzt|atual(?:mente)?|momento)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
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
    """A summary: who (a title the resume holds), strongest JD-relevant skills the resume
    shows, the latest role; then up to two JD-relevant sentences of the old summary.
    Empty when the resume shows none of the JD's skills: nothing to tailor toward, so the
    old summary is better kept."""
    templates = language_templates(language)
    in_title = {m.canonical for m in find_skills(title)}  # no "Registered Nurse with ... RN"
    skills = _summary_skills(resume, profile, exclude=in_title)
    if not skills:
        return ""
    template = templates["lead"] if title else templates["lead_skills_only"]
    sentences = [template.format(title=title, skills=_join(skills, templates))]
    latest = _latest_role_sentence(resume, title, templates)
    if latest:
        sentences.append(latest)
    old = [s for s in _SENTENCE.split(resume.summary.strip()) if s]
    relevant = [swap_terms(s, profile)[0] for s in old if profile.score(s) > 0]
    sentences += [s for s in relevant if s not in sentences][:MAX_KEPT_SENTENCES]
    return " ".join(sentences)


def _summary_skills(resume: ResumeData, profile: JobProfile, exclude: set[str]) -> list[str]:
    """JD-weighted skills the resume shows, written as the JD writes them (same skill)."""
    text = "\n".join(
        [*resume.additional.technicalSkills, resume.summary]
        + [line for job in resume.workExperience for line in job.description]
        + [line for project in resume.personalProjects for line in project.description]
        + resume.additional.certificationsTraining
    )
    own_surface: dict[str, str] = {}
    for mention in find_skills(text):
        own_surface.setdefault(mention.canonical, mention.surface)
    jd_order = {name: rank for rank, name in enumerate(profile.weights)}
    ranked = sorted(
        (name for name in own_surface if profile.skill_weight(name) > 0 and name not in exclude),
        key=lambda name: (-profile.skill_weight(name), jd_order[name]),
    )
    chosen = ranked[:MAX_SUMMARY_SKILLS]
    return [profile.wording.get(name, own_surface[name]) for name in chosen]


def _join(items: list[str], templates: dict[str, str]) -> str:
    if len(items) == 1:
        return items[0]
    return templates["list_separator"].join(items[:-1]) + templates["list_last"] + items[-1]


def _latest_role_sentence(resume: ResumeData, title: str, templates: dict[str, str]) -> str:
    if not resume.workExperience:
        return ""
    job = resume.workExperience[0]  # resumes list the latest job first
    if not job.company.strip():
        return ""
    ongoing = bool(_ONGOING.search(job.years))
    same_title = job.title.strip().lower() == title.strip().lower() or not job.title.strip()
    key = ("current_" if ongoing else "recent_") + ("company" if same_title else "role")
    return templates[key].format(role=job.title.strip(), company=job.company.strip())
