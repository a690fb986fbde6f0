"""What a parser returns: the structured resume and what it could not read."""

from __future__ import annotations

from pydantic import BaseModel, Field

from refleum.resume_data import ResumeData


class ParseResult(BaseModel):
    data: ResumeData
    warnings: list[str] = Field(default_factory=list)
