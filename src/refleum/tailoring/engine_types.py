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
    usage: LLMUsage = field(default_factory=LLMUsage)
    warnings: list[str] = field(default_factory=list)


class TailoringEngine(Protocol):
    name: str

    async def aclose(self) -> None:
        """Release the engine's HTTP client; whoever created the engine calls it when done."""

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
