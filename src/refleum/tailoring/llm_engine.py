"""The LLM tailoring engine: one model call per tailor.

When the JD's keywords are not cached, the call asks for the keywords and the edits
together (one combined answer); when they are, for the edits alone. The resume and the JD
are sent once each, in the compact listing of :mod:`llm_prompt`. The model never returns a
resume, only edits addressed by line id that quote what they replace; the truth guard
decides what survives, and the keywords it names are kept only where the JD contains them.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.keywords import extract_job_keywords
from refleum.analysis.tenure import experience_years
from refleum.llm.structured import run_structured
from refleum.resume_data import ResumeData
from refleum.tailoring.engine_types import Proposal
from refleum.tailoring.llm_prompt import (
    EDITS_SYSTEM,
    KEYWORDS_AND_EDITS_SYSTEM,
    EditsAnswer,
    KeywordsAndEditsAnswer,
    listing,
    to_edits,
    user_prompt,
)
from refleum.tailoring.schemas import Strategy


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

    async def propose(
        self,
        resume: ResumeData,
        keywords: JobKeywords | None,
        job_description: str,
        strategy: Strategy,
        language: str,
    ) -> Proposal:
        resume_listing = listing(resume)
        result = await run_structured(
            self.model,
            EditsAnswer if keywords is not None else KeywordsAndEditsAnswer,
            system=EDITS_SYSTEM if keywords is not None else KEYWORDS_AND_EDITS_SYSTEM,
            prompt=user_prompt(
                resume_listing,
                job_description,
                strategy,
                language,
                keywords,
                years=experience_years(resume) if strategy == Strategy.FULL else None,
            ),
            timeout_s=self.timeout_s,
            reasoning_effort=self.reasoning_effort,
        )
        edits = to_edits(result.output.edits, resume_listing)
        if keywords is not None:
            return Proposal(edits, keywords, result.usage)
        named = JobKeywords.model_validate(result.output.job.model_dump())  # the public type
        found, notes = await _grounded_or_local(named, job_description)
        return Proposal(edits, found, result.usage, notes, keywords_cacheable=not notes)


async def _grounded_or_local(
    found: JobKeywords, job_description: str
) -> tuple[JobKeywords, list[str]]:
    """The model's keywords that the JD contains; the local extraction (with a warning) when
    the model named terms and none of them is in the JD."""
    grounded = grounded_in_jd(found, job_description)
    if _terms(found) and not _terms(grounded):
        # Tailoring toward no keyword at all scores 0 % -> 0 %: the JD's own terms, found
        # locally, are a truthful floor (they occur in the JD by construction).
        local = await asyncio.to_thread(extract_job_keywords, job_description)
        return local, [KEYWORDS_FALLBACK]
    return grounded, []


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
