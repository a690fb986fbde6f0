"""What a letter can honestly say: who the candidate is and which resume lines back which
of the job's skills. Pure and deterministic; every value is copied from the resume."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refleum.analysis.keywords import extract_job_keywords
from refleum.analysis.relevance import JobProfile, job_profile
from refleum.analysis.skills import find_skills, skill_category
from refleum.letters.grounding import TruthIndex, claims_in
from refleum.resume_data import ResumeData

MAX_SKILLS = 3
MAX_LINES = 3
_ONGOING = re.compile(
    r"\b(?:present|current|now|today|ongoing|actual(?:idad)?|hoy|presente|aujourd'hui|"
    r"heute|jetzt|atual(?:mente)?)\b",
    re.IGNORECASE,
)
_BULLET_MARKS = "•-*▪◦·– \t"


@dataclass(frozen=True)
class Line:
    """One resume bullet and where it comes from (a job's employer or a project's name)."""

    text: str
    employer: str
    place: str  # "work" | "project"
    order: int
    current: bool = False  # the job is ongoing: a present-tense bullet stays present


@dataclass(frozen=True)
class Evidence:
    skills: tuple[str, ...]  # as the JD writes them; empty when nothing matched
    line: Line


@dataclass
class LetterFacts:
    name: str = ""
    title: str = ""
    employer: str = ""
    employer_is_current: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    matched: bool = False
    gaps: list[str] = field(default_factory=list)

    @property
    def skills(self) -> list[str]:
        return [skill for item in self.evidence for skill in item.skills]


def letter_facts(source: ResumeData, truth: ResumeData, job_description: str) -> LetterFacts:
    """Facts for a letter about ``source``, limited to what ``truth`` supports."""
    keywords = extract_job_keywords(job_description)
    profile = job_profile(keywords, job_description)
    index = TruthIndex.build(truth, job_description)
    lines = [line for line in resume_lines(source) if not claims_in(line.text, index)]
    evidence = _matched_evidence(lines, profile, index, _jd_wording(job_description))
    latest = source.workExperience[0] if source.workExperience else None
    return LetterFacts(
        name=truth.personalInfo.name.strip() or source.personalInfo.name.strip(),
        title=_title(source),
        employer=latest.company.strip() if latest else "",
        employer_is_current=bool(latest and _ONGOING.search(latest.years)),
        evidence=evidence or _closest_lines(lines, profile),
        matched=bool(evidence),
        gaps=[s for s in keywords.required_skills if not _has_skill(index, s)],
    )


def resume_lines(resume: ResumeData) -> list[Line]:
    lines: list[Line] = []
    for job in resume.workExperience:
        current = bool(_ONGOING.search(job.years))
        for text in job.description:
            lines.append(Line(clean_bullet(text), job.company.strip(), "work", len(lines), current))
    for project in resume.personalProjects:
        for text in project.description:
            lines.append(Line(clean_bullet(text), project.name.strip(), "project", len(lines)))
    return [line for line in lines if line.text and line.employer]


def clean_bullet(text: str) -> str:
    return " ".join(text.strip().lstrip(_BULLET_MARKS).split()).rstrip(" .;,")


def _title(resume: ResumeData) -> str:
    if resume.personalInfo.title.strip():
        return resume.personalInfo.title.strip()
    return resume.workExperience[0].title.strip() if resume.workExperience else ""


def _has_skill(index: TruthIndex, name: str) -> bool:
    found = {m.canonical for m in find_skills(name)}
    return bool(found & index.skills) or index.grounded(name)


def _jd_wording(job_description: str) -> dict[str, str]:
    """Each skill as the JD first writes it ("mentoring", "Postgres")."""
    wording: dict[str, str] = {}
    for mention in find_skills(job_description):
        wording.setdefault(mention.canonical, mention.surface)
    return wording


def _matched_evidence(
    lines: list[Line], profile: JobProfile, index: TruthIndex, wording: dict[str, str]
) -> list[Evidence]:
    """The strongest JD skills the resume has, each with its best backing line."""
    wanted = sorted(
        (name for name in profile.weights if name in index.skills),
        key=lambda name: (
            -profile.skill_weight(name),
            _is_concept(name, wording),
            list(profile.weights).index(name),
        ),
    )
    chosen: dict[Line, list[str]] = {}
    for canonical in wanted:
        if sum(len(skills) for skills in chosen.values()) >= MAX_SKILLS:
            break
        backing = [line for line in lines if canonical in _canonicals(line.text)]
        if not backing:
            continue  # a skill only listed, never shown in a bullet, is not evidence
        # A line already quoted for another skill is reused: one story, several skills.
        best = max(
            backing, key=lambda line: (line in chosen, _strength(line, profile), -line.order)
        )
        if best not in chosen and len(chosen) >= MAX_LINES:
            continue
        chosen.setdefault(best, []).append(wording.get(canonical, canonical))
    return [Evidence(tuple(skills), line) for line, skills in chosen.items()]


def _is_concept(canonical: str, wording: dict[str, str]) -> bool:
    """Domain terms and lowercase concepts ("dashboards") say less than named tools."""
    written = wording.get(canonical, canonical)
    return skill_category(canonical) == "domain" or (written.islower() and written != canonical)


def _closest_lines(lines: list[Line], profile: JobProfile) -> list[Evidence]:
    ranked = sorted(lines, key=lambda line: (-_strength(line, profile), line.order))
    return [Evidence((), line) for line in ranked[:2]]


def _strength(line: Line, profile: JobProfile) -> float:
    # A line with a figure is concrete evidence; relevance to the JD decides first.
    return profile.score(line.text) + (0.5 if re.search(r"\d", line.text) else 0.0)


def _canonicals(text: str) -> set[str]:
    return {m.canonical for m in find_skills(text)}
