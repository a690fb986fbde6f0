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

    async def job_keywords(self, job_description: str) -> tuple[JobKeywords, LLMUsage]: ...

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

    async def job_keywords(self, job_description: str) -> tuple[JobKeywords, LLMUsage]:
        found = await asyncio.to_thread(local_keywords.extract_job_keywords, job_description)
        return found, LLMUsage()

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
    from refleum.errors import LLMProviderFailed
    from refleum.llm.providers import ProviderConfigError, build_model, make_guarded_client
    from refleum.llm.service import provider_settings
    from refleum.tailoring.llm_engine import LLMEngine

    settings = provider_settings(config, secrets)
    client = make_guarded_client(allow_private=allow_private)
    try:
        model = build_model(settings, http_client=client, allow_private=allow_private)
    except ProviderConfigError as exc:
        raise LLMProviderFailed(f"{config.provider} model {config.model!r}: {exc}") from exc
    engine = LLMEngine(
        model=model,
        name=f"{config.provider}:{config.model}",
        timeout_s=timeout_s,
        reasoning_effort=settings.reasoning_effort,
    )
    return engine, client
