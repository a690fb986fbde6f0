"""Pass 1, keyword injection: the JD's skills that the truth shows and the tailored skills
list lacks are appended, in the truth's own wording. Only vocabulary skills are injected;
nothing the truth lacks.
"""

from __future__ import annotations

from refleum.analysis.facts import TruthFacts
from refleum.analysis.job_description import JobKeywords
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange
from refleum.tailoring.paths import SKILLS_PATH


def inject_keywords(
    resume: ResumeData, keywords: JobKeywords, facts: TruthFacts
) -> tuple[ResumeData, list[AppliedChange]]:
    """Pass 1: the JD's skills that the truth shows and the skills list lacks, appended in
    the truth's wording. Returns the new resume and at most one change record."""
    skills = list(resume.additional.technicalSkills)
    listed = {m.canonical for item in skills for m in facts.skill_finder(item)}
    added: list[str] = []
    sources: list[str] = []
    for keyword in [*keywords.required_skills, *keywords.preferred_skills, *keywords.keywords]:
        canonical = _keyword_skill(keyword, facts)
        if canonical is None or canonical in listed or canonical not in facts.skills:
            continue
        wording, line = _truth_wording(canonical, facts)
        if wording is None:
            continue
        listed.add(canonical)
        added.append(wording)
        sources.append(line)
    if not added:
        return resume, []
    additional = resume.additional.model_copy(update={"technicalSkills": skills + added})
    change = AppliedChange(
        path=SKILLS_PATH,
        before=skills,
        after=skills + added,
        reason="Pass 1: adds skills the job asks for that the original resume shows: "
        + ", ".join(added),
        source_lines=list(dict.fromkeys(sources)),
    )
    return resume.model_copy(update={"additional": additional}), [change]


def _keyword_skill(keyword: str, facts: TruthFacts) -> str | None:
    """The one skill a JD keyword names as a whole ("k8s" -> "Kubernetes"), else None."""
    mentions = facts.skill_finder(keyword)
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    if keyword[: mention.start].strip() or keyword[mention.end :].strip():
        return None  # "experience with Kafka" is a phrase, not a skill name
    return mention.canonical


def _truth_wording(canonical: str, facts: TruthFacts) -> tuple[str | None, str]:
    """How the truth writes a skill, preferring its own skills list; and the line."""
    lines = facts.lines_with_skill(canonical)
    lines.sort(key=lambda line: not line.path.startswith(SKILLS_PATH))
    for line in lines:
        for mention in facts.skill_finder(line.text):
            if mention.canonical == canonical:
                return mention.surface.strip(), line.text
    return None, ""
