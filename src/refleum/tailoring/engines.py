"""What a tailoring engine is: something that reads a JD and proposes edits.

The pipeline takes any ``TailoringEngine``; the local engine and the LLM engine are the two
real ones, and tests plug in hostile fakes through the same door.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol

from refleum.llm.usage import LLMUsage
from refleum.resume_data import ResumeData
from refleum.tailoring import keywords as local_keywords
from refleum.tailoring import local_engine
from refleum.tailoring.edits import Edit
from refleum.tailoring.schemas import JobKeywords, Strategy


@dataclass
class Proposal:
    edits: list[Edit]
    usage: LLMUsage = field(default_factory=LLMUsage)
    warnings: list[str] = field(default_factory=list)


class TailoringEngine(Protocol):
    name: str

    async def job_keywords(self, job_description: str) -> tuple[JobKeywords, LLMUsage, list[str]]:
        """The JD's keywords, what finding them cost, and warnings about them."""

    async def propose(
        self,
        resume: ResumeData,
        keywords: JobKeywords,
        job_description: str,
        strategy: Strategy,
        language: str,
    ) -> Proposal: ...


class LocalEngine:
    """The built-in engine: no network, deterministic."""

    name = "local"

    async def job_keywords(self, job_description: str) -> tuple[JobKeywords, LLMUsage, list[str]]:
        found = await asyncio.to_thread(local_keywords.extract_job_keywords, job_description)
        return found, LLMUsage(), []

    async def propose(
        self,
        resume: ResumeData,
        keywords: JobKeywords,
        job_description: str,
        strategy: Strategy,
        language: str,
    ) -> Proposal:
        edits = await asyncio.to_thread(
            local_engine.propose_edits, resume, keywords, job_description, strategy, language
        )
        return Proposal(edits)


def tailoring_engine_for(
    config, secrets, *, allow_private: bool, timeout_s: float
) -> tuple[TailoringEngine, object | None]:
    """The engine an organization configured, and the HTTP client to close after use."""
    if config.provider == "local":
        return LocalEngine(), None
    from refleum.llm.org_model import org_model  # the SDKs load only when needed
    from refleum.tailoring.llm_engine import LLMEngine

    configured = org_model(config, secrets, allow_private=allow_private)
    engine = LLMEngine(
        model=configured.model,
        name=configured.name,
        timeout_s=timeout_s,
        reasoning_effort=configured.reasoning_effort,
    )
    return engine, configured.http_client
