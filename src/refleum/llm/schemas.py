"""GET / PUT /api/v1/llm-config bodies."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from refleum.languages import BCP47_SCHEMA, normalize_language_tag

Provider = Literal["local", "openai", "anthropic", "openai-compatible"]
ReasoningEffort = Literal["minimal", "low", "medium", "high"]
PromptId = Literal["nudge", "keywords", "full"]


class LLMConfigUpdate(BaseModel):
    """Every field optional; an omitted field stays as it is."""

    model_config = ConfigDict(extra="forbid")

    provider: Provider | None = None
    model: str | None = Field(default=None, max_length=200)
    api_key: str | None = Field(
        default=None, max_length=500, description='Stored encrypted; null or "" removes it.'
    )
    api_base: str | None = Field(default=None, max_length=500, description='null or "" removes it.')
    reasoning_effort: ReasoningEffort | Literal[""] | None = Field(
        default=None, description='"" clears it.'
    )
    # Strict: a JSON boolean only, so 0, 1 or "yes" is a 400 rather than a silent guess.
    enable_cover_letter: StrictBool | None = None
    enable_outreach_message: StrictBool | None = None
    content_language: str | None = Field(
        default=None, description="BCP-47 tag, e.g. en, es, pt-BR", json_schema_extra=BCP47_SCHEMA
    )
    default_prompt_id: PromptId | None = None

    @field_validator("content_language")
    @classmethod
    def _bcp47(cls, value: str | None) -> str | None:
        return None if value is None else normalize_language_tag(value)


class LLMConfigOut(BaseModel):
    provider: Provider
    model: str
    api_key: str | None = Field(description="Masked, e.g. sk-…abcd; null when none is stored.")
    api_base: str | None
    reasoning_effort: ReasoningEffort | None
    enable_cover_letter: bool
    enable_outreach_message: bool
    content_language: str
    default_prompt_id: PromptId
    updated_at: datetime | None
