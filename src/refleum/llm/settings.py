"""What an organization chose as its model provider, as the provider factory reads it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ProviderName = Literal["local", "openai", "anthropic", "openai-compatible"]
ReasoningEffort = Literal["minimal", "low", "medium", "high"]


@dataclass(frozen=True)
class ProviderSettings:
    provider: ProviderName
    model: str
    api_key: str | None
    api_base: str | None
    reasoning_effort: ReasoningEffort | None = None
