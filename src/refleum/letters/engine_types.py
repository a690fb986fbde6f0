"""What a letter engine is, and what it returns.

Both engines take the resume to write from (``source``: the tailored resume for a tailored
one) and the ``truth`` that bounds what may be claimed, and return a ``Draft``. The
protocol and ``Draft`` sit apart from the factory (``engines``) so that the LLM engine can
return a ``Draft`` without importing the module that creates it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from refleum.letters.kinds import Kind
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
        *,
        previous: str | None = None,
    ) -> Draft:
        """``previous``: the content a regeneration replaces; the new draft should read
        differently from it, with the same truth guarantees."""
