"""Token usage of model calls, summed over every attempt a result cost."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, NonNegativeInt


class LLMUsage(BaseModel):
    model_config = ConfigDict(frozen=True)

    calls: NonNegativeInt = 0
    input_tokens: NonNegativeInt = 0
    output_tokens: NonNegativeInt = 0

    def __add__(self, other: LLMUsage) -> LLMUsage:
        if not isinstance(other, LLMUsage):
            return NotImplemented
        return LLMUsage(
            calls=self.calls + other.calls,
            input_tokens=self.input_tokens + other.input_tokens,
            output_tokens=self.output_tokens + other.output_tokens,
        )
