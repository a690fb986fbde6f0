"""What a tailoring engine is: something that reads a JD and proposes edits.

The pipeline takes any ``TailoringEngine``; the local engine and the LLM engine are the two
real ones, and tests plug in hostile fakes through the same door. The protocol and its
result type sit apart from the factory (``engines``) so that the LLM engine can return a
``Proposal`` without importing the module that creates it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from refleum.analysis.job_description import JobKeywords
from refleum.llm.usage import LLMUsage
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.schemas import Strategy


@dataclass
class Proposal:
    edits: list[Edit]
    keywords: JobKeywords  # the keywords the engine was given, or found (see propose)
    usage: LLMUsage = field(default_factory=LLMUsage)
    warnings: list[str] = field(default_factory=list)
    # False when the engine had to fall back for the keywords it found (warnings say why):
    # caching them under the engine's name would replay the fallback without its warning.
    keywords_cacheable: bool = True


class TailoringEngine(Protocol):
    name: str

    async def aclose(self) -> None:
        """Release the engine's HTTP client; whoever created the engine calls it when done."""

    async def propose(
        self,
        resume: ResumeData,
        keywords: JobKeywords | None,
        job_description: str,
        strategy: Strategy,
        language: str,
    ) -> Proposal:
        """Edits for ``resume``. ``keywords`` None (not cached): the engine finds the JD's
        keywords too, in the same model call, and returns them in the proposal."""
