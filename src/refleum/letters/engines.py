"""The built-in local letter engine, and which engine an organization gets.

What an engine is (``LetterEngine``, ``Draft``) is in :mod:`engine_types`.
"""

from __future__ import annotations

import asyncio
import functools

from refleum.letters import local_engine, templates
from refleum.letters.engine_types import Draft, LetterEngine
from refleum.letters.kinds import Kind
from refleum.letters.llm_engine import LLMLetterEngine
from refleum.llm.models import LLMConfig
from refleum.llm.org_model import org_model
from refleum.llm.secrets import SecretBox
from refleum.resume_data import ResumeData


class LocalLetterEngine:
    """The built-in engine: no network, deterministic, en/es/fr/de/pt."""

    name = "local"

    def supports(self, language: str) -> bool:
        return templates.supports(language)

    async def aclose(self) -> None:
        return None

    async def write(
        self,
        kind: Kind,
        source: ResumeData,
        truth: ResumeData,
        job_description: str,
        language: str,
        *,
        previous: str | None = None,
    ) -> Draft:
        draft = await asyncio.to_thread(
            functools.partial(
                local_engine.compose,
                kind,
                source,
                truth,
                job_description,
                language,
                previous=previous,
            )
        )
        return Draft(draft.content, draft.connection_note)


def engine_for(
    config: LLMConfig, secrets: SecretBox, *, allow_private: bool, timeout_s: float
) -> LetterEngine:
    """The engine an organization configured: ``local`` or its model provider."""
    if config.provider == "local":
        return LocalLetterEngine()
    configured = org_model(config, secrets, allow_private=allow_private)
    return LLMLetterEngine(
        model=configured.model,
        name=configured.name,
        timeout_s=timeout_s,
        reasoning_effort=configured.reasoning_effort,
        http_client=configured.http_client,
    )
