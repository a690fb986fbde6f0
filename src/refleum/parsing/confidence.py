"""How sure the parser is of each work and education entry, and the warnings that say which
part a user should check before tailoring.

An entry is sure when knowledge, not the document's order alone, placed its parts: a title
with an occupation word or a company with a legal form; a degree word or a school word. A
part the parser had to guess, or could not find, is named in a plain warning.
"""

from __future__ import annotations

from refleum.parsing.entry_lexicon import (
    looks_like_degree,
    looks_like_employer,
    looks_like_school,
    title_score,
)
from refleum.parsing.result import EntryConfidence
from refleum.resume_data import Education, ResumeData, WorkExperience

# What each doubt costs; an entry with any doubt is reported.
_UNSURE_SPLIT = 0.4
_NO_DATES = 0.2
_NOTHING_READ = 0.8

_SECTION_NAMES = {"workExperience": "work experience", "education": "education"}
NO_EXPERIENCE_WARNING = "No work experience section was found: check the resume has one"


def _job_doubts(job: WorkExperience) -> list[tuple[str, float]]:
    doubts: list[tuple[str, float]] = []
    if not job.title and not job.company:
        return [("no title or company could be read", _NOTHING_READ)]
    if job.title and job.company:
        sure = title_score(job.title) > 0 or (
            looks_like_employer(job.company) and title_score(job.company) < 0
        )
        if not sure or title_score(job.company) > title_score(job.title):
            doubts.append(("its title and company could not be told apart", _UNSURE_SPLIT))
    elif title_score(job.title or job.company) <= 0 and not looks_like_employer(
        job.title or job.company
    ):
        doubts.append(("its title could not be recognised", _UNSURE_SPLIT))
    if not job.years:
        doubts.append(("no dates were found", _NO_DATES))
    return doubts


def _school_doubts(school: Education) -> list[tuple[str, float]]:
    if not school.degree and not school.institution:
        return [("no degree or school could be read", _NOTHING_READ)]
    if (
        school.degree
        and school.institution
        and not looks_like_degree(school.degree)
        and not looks_like_school(school.institution)
    ):
        return [("its degree and school could not be told apart", _UNSURE_SPLIT)]
    return []


def _confidence(section: str, index: int, doubts: list[tuple[str, float]]) -> EntryConfidence:
    score = max(0.0, 1.0 - sum(cost for _, cost in doubts))
    return EntryConfidence(
        section=section, index=index, confidence=round(score, 2), weak=[d for d, _ in doubts]
    )


def entry_confidence(data: ResumeData) -> list[EntryConfidence]:
    """One EntryConfidence per work and education entry, in document order."""
    return [
        *(
            _confidence("workExperience", i, _job_doubts(job))
            for i, job in enumerate(data.workExperience, 1)
        ),
        *(
            _confidence("education", i, _school_doubts(school))
            for i, school in enumerate(data.education, 1)
        ),
    ]


def confidence_warnings(entries: list[EntryConfidence]) -> list[str]:
    """'Check work experience entry 3: its title and company could not be told apart'."""
    return [
        f"Check {_SECTION_NAMES[entry.section]} entry {entry.index}: {'; '.join(entry.weak)}"
        for entry in entries
        if entry.weak
    ]
