"""Tailoring value objects shared by engines, the truth guard, refinement and the API."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Strategy(StrEnum):
    NUDGE = "NUDGE"
    KEYWORDS = "KEYWORDS"
    FULL = "FULL"


class JobKeywords(BaseModel):
    """What a job description asks for, as the public contract names it."""

    model_config = ConfigDict(extra="forbid")

    required_skills: list[str] = Field(default_factory=list)
    preferred_skills: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    key_responsibilities: list[str] = Field(default_factory=list)
    experience_years: int | None = None
    seniority_level: str | None = None


class RefinementStats(BaseModel):
    passes_completed: int = 0
    keywords_injected: int = 0
    ai_phrases_removed: list[str] = Field(default_factory=list)
    alignment_violations_fixed: int = 0
    initial_match_percentage: float = 0.0
    final_match_percentage: float = 0.0
