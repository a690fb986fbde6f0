"""A job description as the API takes it: how long it may be, and what it asks for.

Tailoring and letters both accept a JD and both read its keywords, so the limits and the
``JobKeywords`` shape live here, below both, rather than in either one's schemas.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

JD_MIN_WORDS, JD_MAX_WORDS = 100, 8000


def count_words(text: str) -> int:
    """Words as the contract counts them: whitespace-separated."""
    return len(text.split())


class JobKeywords(BaseModel):
    """What a job description asks for, as the public contract names it."""

    model_config = ConfigDict(extra="forbid")

    required_skills: list[str] = Field(default_factory=list)
    preferred_skills: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    key_responsibilities: list[str] = Field(default_factory=list)
    experience_years: int | None = None
    seniority_level: str | None = None
