"""What a letter engine is, the local one, and which one an organization gets.

Both engines take the resume to write from (``source``: the tailored resume for a tailored
one) and the ``truth`` that bounds what may be claimed, and return a ``Draft``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Protocol

from refleum.letters import local_engine, templates
from refleum.letters.kinds import Kind
from refleum.llm.models import LLMConfig
from refleum.llm.org_model import org_model
from refleum.llm.secrets import SecretBox
from refleum.llm.usage import LLMUsage
from refleum.resume_data import ResumeData


@dataclass(frozen=True)
class Draft:
    content: str
    connection_note: str | None = None
    warnings: tuple[str, ...] = ()
    usage: LLMUsage = field(default_factory=LLMUsage)


class LetterEngine(Protocol):
    name: str

    def supports(self, language: str) -> bool: ...

    async def aclose(self) -> None:
        """Release the engine's HTTP client; the engine's creator calls it when done."""

    async def write(
        self,
        kind: Kind,
        source: ResumeData,
        truth: ResumeData,
        job_description: str,
        language: str,
    ) -> Draft: ...


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
    ) -> Draft:
        draft = await asyncio.to_thread(
            local_engine.compose, kind, source, truth, job_description, language
        )
        return Draft(draft.content, draft.connection_note)


def engine_for(
    config: LLMConfig, secrets: SecretBox, *, allow_private: bool, timeout_s: float
) -> LetterEngine:
    """The engine an organization configured: ``local`` or its model provider."""
    if config.provider == "local":
        return LocalLetterEngine()
    from refleum.letters.llm_engine import LLMLetterEngine  # the SDKs load only when needed

    configured = org_model(config, secrets, allow_private=allow_private)
    return LLMLetterEngine(
        model=configured.model,
        name=configured.name,
        timeout_s=timeout_s,
        reasoning_effort=configured.reasoning_effort,
        http_client=configured.http_client,
    )
