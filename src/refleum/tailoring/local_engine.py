"""The built-in ``local`` tailoring engine: proposes edits, never writes the resume.

Deterministic and offline. What each strategy proposes:

* NUDGE: bullets and technical skills ordered by relevance to the JD, plus at most
  ``NUDGE_MAX_REWORDS`` same-skill term swaps (the JD's spelling of a skill the resume has).
* KEYWORDS: ordering, every same-skill swap, and light opening-verb rewording of bullets.
* FULL: all of KEYWORDS, a summary composed from resume facts, the headline title set to
  the best-fitting title the resume already holds, and the section order.

Conventions for the edits returned: replacements come first, then reorders; every path and
index refers to the resume as passed in; a reorder's ``original`` quotes the current list,
one item per line; a ``sections`` reorder permutes :func:`paths.section_names`.
"""

from __future__ import annotations

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.relevance import JobProfile, job_profile, relevance_order
from refleum.analysis.skills import canonical_skill, find_skills
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.paths import LineKind, editable_lines, section_names
from refleum.tailoring.rewording import jd_verbs, normalise_opening, swap_terms
from refleum.tailoring.schemas import Strategy
from refleum.tailoring.summary import (
    UnsupportedLanguage,
    compose_summary,
    headline_title,
    language_templates,
    supported_languages,
)

__all__ = ["UnsupportedLanguage", "propose_edits", "supported_languages"]

NUDGE_MAX_REWORDS = 3


def propose_edits(
    resume: ResumeData,
    keywords: JobKeywords,
    job_description: str,
    strategy: Strategy,
    language: str = "en",
) -> list[Edit]:
    """Edits that tailor ``resume`` to the JD under ``strategy``; raises
    UnsupportedLanguage when the engine has no templates for ``language``."""
    language_templates(language)  # fail fast, whatever the strategy
    strategy = Strategy(strategy)
    profile = job_profile(keywords, job_description)
    verbs = jd_verbs(profile, keywords.key_responsibilities) if strategy != Strategy.NUDGE else []
    rewords = _rewords(resume, profile, verbs)
    if strategy == Strategy.NUDGE:
        rewords = _strongest(rewords, profile)[:NUDGE_MAX_REWORDS]
        rewords.sort(key=lambda edit: _path_key(edit.path))
    rewrites = _full_rewrites(resume, profile, language) if strategy == Strategy.FULL else []
    rewritten = {edit.path for edit in rewrites}
    edits = [edit for edit in rewords if edit.path not in rewritten] + rewrites
    edits += _bullet_orders(resume, profile)
    edits += _skill_order(resume, profile)
    if strategy == Strategy.FULL:
        edits += _section_order(resume, profile)
    return edits


def _rewords(resume: ResumeData, profile: JobProfile, verbs: list[str]) -> list[Edit]:
    edits: list[Edit] = []
    for line in editable_lines(resume):
        path, text = line.path, line.text
        new, notes = swap_terms(text, profile)
        reason = "Uses the job description's wording for the same skill"
        if line.kind == LineKind.BULLET and verbs:
            new, verb_notes = normalise_opening(new, verbs)
            if verb_notes:
                notes += verb_notes
                reason = "Rewords toward the job description without adding anything"
        if new != text:
            edits.append(
                Edit(path=path, original=text, value=new, reason=f"{reason}: {'; '.join(notes)}")
            )
    return edits


def _strongest(edits: list[Edit], profile: JobProfile) -> list[Edit]:
    """Rewords ordered by the JD weight of the skills they touch (NUDGE keeps the top)."""

    def weight(edit: Edit) -> int:
        return sum(profile.skill_weight(m.canonical) for m in find_skills(str(edit.value)))

    return sorted(edits, key=lambda edit: (-weight(edit), _path_key(edit.path)))


def _path_key(path: str) -> tuple:
    return tuple(
        int(part) if part.isdigit() else part
        for part in path.replace("[", ".").replace("]", "").split(".")
    )


def _reorder(path: str, items: list[str], order: list[int], reason: str) -> list[Edit]:
    if order == list(range(len(items))):
        return []
    return [
        Edit(path=path, action="reorder", original="\n".join(items), value=order, reason=reason)
    ]


def _bullet_orders(resume: ResumeData, profile: JobProfile) -> list[Edit]:
    reason = "Puts the bullets that show what the job asks for first"
    edits: list[Edit] = []
    for i, job in enumerate(resume.workExperience):
        order = relevance_order(job.description, profile)
        edits += _reorder(f"workExperience[{i}].description", job.description, order, reason)
    for i, project in enumerate(resume.personalProjects):
        order = relevance_order(project.description, profile)
        edits += _reorder(f"personalProjects[{i}].description", project.description, order, reason)
    return edits


def _skill_order(resume: ResumeData, profile: JobProfile) -> list[Edit]:
    skills = resume.additional.technicalSkills

    def weight(item: str) -> float:
        canonical = canonical_skill(item)
        return profile.skill_weight(canonical) if canonical else profile.score(item)

    order = sorted(range(len(skills)), key=lambda i: (-weight(skills[i]), i))
    reason = "Lists the skills the job asks for first (required, then preferred)"
    return _reorder("additional.technicalSkills", skills, order, reason)


def _full_rewrites(resume: ResumeData, profile: JobProfile, language: str) -> list[Edit]:
    edits: list[Edit] = []
    title = headline_title(resume, profile)
    current_title = resume.personalInfo.title
    if title and title != current_title.strip():
        edits.append(
            Edit(
                path="personalInfo.title",
                original=current_title,
                value=title,
                reason="A title this resume already holds that fits the job better",
            )
        )
    summary = compose_summary(resume, profile, title or current_title, language)
    if summary and summary != resume.summary:
        edits.append(
            Edit(
                path="summary",
                original=resume.summary,
                value=summary,
                reason="Summary composed from this resume's own title, dates, achievements "
                "and the skills the job asks for that it states or shows",
            )
        )
    return edits


def _section_order(resume: ResumeData, profile: JobProfile) -> list[Edit]:
    """Summary stays first and experience second; the rest follow by relevance."""
    names = section_names(resume)
    texts = [_section_text(resume, name) for name in names]
    pinned = [0] + ([1] if resume.workExperience else [])
    rest = [i for i in range(len(names)) if i not in pinned]
    rest.sort(key=lambda i: (-profile.score(texts[i]) if texts[i] else 1, i))
    reason = "Moves the sections that show what the job asks for up"
    return _reorder("sections", names, pinned + rest, reason)


def _section_text(resume: ResumeData, name: str) -> str:
    if name == "summary":
        return resume.summary
    if name.startswith("customSections."):
        section = resume.customSections[name.removeprefix("customSections.")]
        items = [f"{i.title}\n{i.subtitle}\n" + "\n".join(i.description) for i in section.items]
        return "\n".join([section.text, *section.strings, *items])
    if name == "additional":
        extra = resume.additional
        return "\n".join([*extra.technicalSkills, *extra.certificationsTraining, *extra.awards])
    lines: list[str] = []
    for entry in getattr(resume, name):
        for value in entry.model_dump(exclude={"id"}).values():
            lines += value if isinstance(value, list) else [str(value)]
    return "\n".join(line for line in lines if line)
