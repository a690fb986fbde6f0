"""The built-in local tailoring engine, and which engine an organization gets.

What an engine is (``TailoringEngine``, ``Proposal``) is in :mod:`engine_types`.
"""

from __future__ import annotations

import asyncio

from refleum.analysis import keywords as local_keywords
from refleum.analysis.job_description import JobKeywords
from refleum.llm.models import LLMConfig
from refleum.llm.org_model import org_model
from refleum.llm.secrets import SecretBox
from refleum.resume_data import ResumeData
from refleum.tailoring import local_engine
from refleum.tailoring.engine_types import Proposal, TailoringEngine
from refleum.tailoring.llm_engine import LLMEngine
from refleum.tailoring.schemas import Strategy


class LocalEngine:
    """The built-in engine: no network, deterministic."""

    name = "local"

    async def aclose(self) -> None:
        return None

    async def propose(
        self,
        resume: ResumeData,
        keywords: JobKeywords | None,
        job_description: str,
        strategy: Strategy,
        language: str,
    ) -> Proposal:
        if keywords is None:
            keywords = await asyncio.to_thread(local_keywords.extract_job_keywords, job_description)
        edits = await asyncio.to_thread(
            local_engine.propose_edits, resume, keywords, job_description, strategy, language
        )
        return Proposal(edits, keywords)


def tailoring_engine_for(
    config: LLMConfig, secrets: SecretBox, *, allow_private: bool, timeout_s: float
) -> TailoringEngine:
    """The engine an organization configured; it owns its HTTP client: ``aclose()`` it."""
    if config.provider == "local":
        return LocalEngine()
    configured = org_model(config, secrets, allow_private=allow_private)
    return LLMEngine(
        model=configured.model,
        name=configured.name,
        timeout_s=timeout_s,
        reasoning_effort=configured.reasoning_effort,
        http_client=configured.http_client,
    )
