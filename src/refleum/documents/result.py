"""What extraction hands back: the markdown plus what the user should know about it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtractedText:
    markdown: str
    warnings: list[str] = field(default_factory=list)
    pages: int = 1
