"""The LLM tailoring engine: one call for keywords (cached by the caller), one for edits.

The model never returns a resume, only edits addressed by path that quote what they
replace; the truth guard decides what survives. The resume and the JD are each sent once.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.keywords import extract_job_keywords
from refleum.analysis.tenure import experience_years
from refleum.llm.structured import run_structured
from refleum.llm.usage import LLMUsage
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.engine_types import Proposal
from refleum.tailoring.paths import LineKind, editable_lines, section_names
from refleum.tailoring.schemas import Strategy

KEYWORDS_SYSTEM = """You extract what a job description asks for. Answer with JSON only.
required_skills: skills, tools, technologies, certifications or licences the JD requires.
preferred_skills: ones it calls preferred, nice to have, a plus or a bonus.
keywords: other domain terms a recruiter would scan for (e.g. "SaaS", "B2B", "payments").
key_responsibilities: up to 8 short phrases of what the person will do.
experience_years: the minimum years of experience asked for, or null.
seniority_level: e.g. Junior, Mid, Senior, Staff, Lead, Manager, Director, or null.
Copy every skill and keyword exactly as the JD spells it; never add one the JD does not name."""

STRATEGY_BRIEFS = {
    Strategy.NUDGE: "Minimal edits: reorder bullets and skills by relevance and change at most "
    "three bullets, only to use the JD's wording for something the resume already says.",
    Strategy.KEYWORDS: "Reword bullets toward the JD's terms wherever the resume already "
    "supports them, and reorder bullets and skills by relevance.",
    Strategy.FULL: "Comprehensive rewrite: reword bullets, rewrite the summary from the "
    "resume's own facts, set personalInfo.title to a title the resume already holds, and "
    "reorder bullets, skills and sections by relevance.",
}

EDITS_SYSTEM = """You tailor a resume to a job description by proposing edits, never a resume.
Rules you must follow; edits that break them are discarded automatically:
- Only the RESUME lines that do not start with # may be edited. action "replace": value is
  the new text and original must quote the current text exactly. action "reorder": path
  names a list, value is a permutation of its indexes (e.g. [2,0,1]), original may be "".
- Never add a skill, tool, employer, title, degree, school, certification, award, language,
  date or number that the resume does not already contain. Never change names, companies,
  schools or dates. Rephrase; do not embellish.
- Avoid clichés such as "leveraged", "spearheaded", "results-driven".
- Each edit's reason says in a few words why it helps for this job.
Answer with JSON only: {"edits": [{"path", "action", "original", "value", "reason"}]}."""


class ProposedEdits(BaseModel):
    model_config = ConfigDict(extra="ignore")

    edits: list[Edit] = Field(default_factory=list)


@dataclass
class LLMEngine:
    """Tailoring through the organization's configured model."""

    model: object  # a pydantic-ai Model
    name: str
    timeout_s: float
    reasoning_effort: str | None = None
    http_client: object | None = None  # the guarded client the engine owns, if any

    async def aclose(self) -> None:
        if self.http_client is not None:
            await self.http_client.aclose()

    async def job_keywords(self, job_description: str) -> tuple[JobKeywords, LLMUsage, list[str]]:
        result = await run_structured(
            self.model,
            JobKeywords,
            system=KEYWORDS_SYSTEM,
            prompt=job_description,
            timeout_s=self.timeout_s,
            reasoning_effort=self.reasoning_effort,
        )
        grounded = grounded_in_jd(result.output, job_description)
        if _terms(result.output) and not _terms(grounded):
            # Tailoring toward no keyword at all scores 0 % -> 0 %: the JD's own terms, found
            # locally, are a truthful floor (they occur in the JD by construction).
            local = await asyncio.to_thread(extract_job_keywords, job_description)
            return local, result.usage, [KEYWORDS_FALLBACK]
        return grounded, result.usage, []

    async def propose(
        self,
        resume: ResumeData,
        keywords: JobKeywords,
        job_description: str,
        strategy: Strategy,
        language: str,
    ) -> Proposal:
        prompt = edits_prompt(resume, keywords, job_description, strategy, language)
        result = await run_structured(
            self.model,
            ProposedEdits,
            system=EDITS_SYSTEM,
            prompt=prompt,
            timeout_s=self.timeout_s,
            reasoning_effort=self.reasoning_effort,
        )
        return Proposal(result.output.edits, result.usage)


KEYWORDS_FALLBACK = (
    "None of the keywords the model named occur in the job description; the locally "
    "extracted keywords were used instead"
)


def _terms(found: JobKeywords) -> list[str]:
    return [*found.required_skills, *found.preferred_skills, *found.keywords]


def _occurs(term: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term.strip())}(?!\w)", text, re.IGNORECASE) is not None


def grounded_in_jd(found: JobKeywords, job_description: str) -> JobKeywords:
    """Drops every skill or keyword the model named that the JD itself does not contain."""

    def keep(terms: list[str]) -> list[str]:
        return [
            t for t in dict.fromkeys(t.strip() for t in terms) if t and _occurs(t, job_description)
        ]

    return found.model_copy(
        update={
            "required_skills": keep(found.required_skills),
            "preferred_skills": keep(found.preferred_skills),
            "keywords": keep(found.keywords),
        }
    )


def _entry_headers(resume: ResumeData) -> list[tuple[str, str]]:
    """(owner path, read-only context) of every entry whose bullets may be edited."""
    return [
        *(
            (f"workExperience[{i}]", f"{job.title} | {job.company} | {job.years}")
            for i, job in enumerate(resume.workExperience)
        ),
        *(
            (f"personalProjects[{i}]", f"{project.name} | {project.years}")
            for i, project in enumerate(resume.personalProjects)
        ),
        *(
            (f"customSections.{key}.items[{i}]", item.title)
            for key, section in resume.customSections.items()
            for i, item in enumerate(section.items)
        ),
    ]


def editable_listing(resume: ResumeData) -> str:
    """The resume as path = "text" lines: what the model may quote and edit (every line
    of paths.editable_lines), with read-only context on lines starting with #."""
    editable = editable_lines(resume)

    def quoted(kinds: set[LineKind], owner: str | None = None) -> list[str]:
        return [
            f'{line.path} = "{line.text}"'
            for line in editable
            if line.kind in kinds and line.owner == owner
        ]

    lines = quoted({LineKind.TITLE, LineKind.SUMMARY})
    for owner, header in _entry_headers(resume):
        lines.append(f"# {owner}: {header}")
        lines += quoted({LineKind.BULLET}, owner)
    for school in resume.education:
        lines.append(f"# education: {school.degree} | {school.institution} | {school.years}")
    extra = resume.additional
    for label, values in (
        ("certifications", extra.certificationsTraining),
        ("languages", extra.languages),
        ("awards", extra.awards),
    ):
        if values:
            lines.append(f"# {label}: {'; '.join(values)}")
    lines += quoted({LineKind.SKILL})
    lines.append(f"sections = {section_names(resume)}")
    return "\n".join(lines)


def edits_prompt(
    resume: ResumeData,
    keywords: JobKeywords,
    job_description: str,
    strategy: Strategy,
    language: str,
) -> str:
    return "\n\n".join(
        [
            f"STRATEGY: {strategy.value}. {STRATEGY_BRIEFS[strategy]}"
            + _years_note(resume, strategy),
            f"LANGUAGE: write all new prose in the language with BCP-47 tag '{language}'.",
            "RESUME (lines starting with # are read-only context; the others are EDITABLE):\n"
            + editable_listing(resume),
            "JOB KEYWORDS:\n" + keywords.model_dump_json(),
            "JOB DESCRIPTION:\n" + job_description,
        ]
    )


def _years_note(resume: ResumeData, strategy: Strategy) -> str:
    """The years of experience the dates add up to, the one figure the truth guard lets a
    summary state: told to the model so it does not guess one that gets refused."""
    years = experience_years(resume) if strategy == Strategy.FULL else None
    if years is None:
        return ""
    return (
        f" The work dates add up to {years} years of experience: if the summary states "
        "years of experience, it must say exactly that figure, no other."
    )
