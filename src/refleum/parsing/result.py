"""What a parser returns: the structured resume, how sure it is of each entry, and what it
could not read."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from refleum.resume_data import ResumeData


class EntryConfidence(BaseModel):
    """How sure the parser is of one entry. ResumeData (the public contract) has no place
    for it, so it lives here; weak parts reach the user as the record's warnings."""

    section: Literal["workExperience", "education"]
    index: int  # 1-based, as a person counts entries on the page
    confidence: float = Field(ge=0.0, le=1.0)
    weak: list[str] = Field(default_factory=list)  # which parts to check, in plain words


class ParseResult(BaseModel):
    data: ResumeData
    warnings: list[str] = Field(default_factory=list)
    entries: list[EntryConfidence] = Field(default_factory=list)
