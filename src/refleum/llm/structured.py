"""One typed answer from a model, whatever the server supports, within one deadline.

``run_structured`` asks for ``output_type`` by the best means the server accepts (see
:mod:`refleum.llm.output_modes`), lets pydantic-ai send validation errors back to the
model for correction, retries transient failures (429, 5xx, connection errors) with
exponential backoff and jitter honouring ``Retry-After``, and keeps every attempt inside
``timeout_s``: each attempt gets what is left of the budget, and a wait that would end
past the deadline is not started. Every failure ends as ``LLMProviderError`` or
``LLMTimeout``; token usage is summed over every attempt.

``reasoning_effort`` is sent as OpenAI's ``reasoning_effort`` on OpenAI-style chat
models (pydantic-ai drops it for models whose profile says they do not reason); other
providers ignore it.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic_ai import Agent, ModelRetry, TextOutput, ToolOutput
from pydantic_ai.exceptions import (
    ModelAPIError,
    ModelTimeoutError,
    UnexpectedModelBehavior,
)
from pydantic_ai.models import Model
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.settings import ModelSettings
from pydantic_ai.usage import RunUsage

from refleum.llm import failures
from refleum.llm.errors import LLMProviderError, LLMTimeout
from refleum.llm.output_modes import (
    DEFAULT_MODE_MEMORY,
    JSON,
    TOOL,
    ModeMemory,
    mode_key,
    modes_for,
    rejects_mode,
)
from refleum.llm.schema_prompt import schema_instructions
from refleum.llm.text_json import NoJsonFound, parse_json_as
from refleum.llm.usage import LLMUsage

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[Any]]


@dataclass(frozen=True)
class StructuredResult(Generic[T]):
    output: T
    usage: LLMUsage
    mode: str


@dataclass
class _Call:
    """The state of one ``run_structured`` call across its attempts."""

    model: Model
    deadline: float
    clock: Callable[[], float]
    usage: LLMUsage = field(default_factory=LLMUsage)
    failed_attempts: int = 0

    def remaining(self) -> float:
        return self.deadline - self.clock()


async def run_structured(
    model: Model,
    output_type: type[T],
    *,
    system: str,
    prompt: str,
    timeout_s: float,
    reasoning_effort: str | None = None,
    max_attempts: int = 3,
    sleep: Sleep = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
    jitter: Callable[[], float] = random.random,
    memory: ModeMemory = DEFAULT_MODE_MEMORY,
) -> StructuredResult[T]:
    """``output_type`` from ``model``; raises ``LLMProviderError`` or ``LLMTimeout`` only."""
    call = _Call(model, clock() + timeout_s, clock)
    modes, key = modes_for(model), mode_key(model)
    secrets = _known_secrets(model)
    while True:
        rung = min(memory.rung(key), len(modes) - 1)
        mode = modes[rung]
        remaining = call.remaining()
        if remaining <= 0:
            raise LLMTimeout(f"{failures.who(model)} did not answer within {timeout_s:g} s")
        try:
            output = await _attempt(
                call, output_type, mode, system, prompt, reasoning_effort, max_attempts, remaining
            )
            return StructuredResult(output, call.usage, mode)
        except TimeoutError as exc:
            raise LLMTimeout(
                f"{failures.who(model)} did not answer within {timeout_s:g} s"
            ) from exc
        except ModelAPIError as exc:
            if rejects_mode(exc, mode) and rung + 1 < len(modes):
                memory.step_down(key, rung + 1)
                continue
            await _wait_before_retry(call, exc, max_attempts, secrets, sleep, jitter, timeout_s)
        except UnexpectedModelBehavior as exc:
            reason = failures.redact(exc.message, secrets)
            raise LLMProviderError(f"{failures.who(model)} gave no valid answer: {reason}") from exc
        except Exception as exc:  # noqa: BLE001 - model output is hostile input
            raise LLMProviderError(failures.redact(failures.describe(exc, model), secrets)) from exc


async def _attempt(
    call: _Call,
    output_type: type[T],
    mode: str,
    system: str,
    prompt: str,
    reasoning_effort: str | None,
    max_attempts: int,
    remaining: float,
) -> T:
    agent = _agent(output_type, mode, system, max_attempts)
    settings = _settings(call.model, mode, reasoning_effort, remaining)
    async with asyncio.timeout(remaining):
        async with agent.iter(prompt, model=call.model, model_settings=settings) as run:
            try:
                async for _node in run:
                    pass
            except (ModelAPIError, TimeoutError, asyncio.CancelledError):
                # The request that failed was sent but is not in pydantic-ai's usage.
                call.usage = call.usage + LLMUsage(calls=1)
                raise
            finally:
                call.usage = call.usage + _as_usage(run.usage)
            if run.result is None:
                raise UnexpectedModelBehavior("the run ended without an answer")
            return run.result.output


async def _wait_before_retry(
    call: _Call,
    exc: ModelAPIError,
    max_attempts: int,
    secrets: tuple[str, ...],
    sleep: Sleep,
    jitter: Callable[[], float],
    timeout_s: float,
) -> None:
    detail = failures.redact(failures.describe(exc, call.model), secrets)
    # Each attempt's transport timeout is the whole remaining budget, so an attempt that
    # timed out has used the budget up.
    if call.remaining() <= 0 or isinstance(exc, ModelTimeoutError):
        raise LLMTimeout(
            f"{failures.who(call.model)} did not answer within {timeout_s:g} s "
            f"(last error: {detail})"
        ) from exc
    call.failed_attempts += 1
    if not failures.is_retryable(exc):
        raise LLMProviderError(detail) from exc
    if call.failed_attempts >= max_attempts:
        raise LLMProviderError(f"{detail} (gave up after {call.failed_attempts} attempts)") from exc
    asked = failures.retry_after_s(exc)
    if asked is None:
        delay = failures.backoff_s(call.failed_attempts, jitter=jitter())
    else:
        delay = asked
    if delay >= call.remaining():
        raise LLMProviderError(
            f"{detail} (retrying would need {delay:g} s, past the {timeout_s:g} s deadline)"
        ) from exc
    await sleep(delay)


def _agent(output_type: type[T], mode: str, system: str, max_attempts: int) -> Agent[None, T]:
    def from_text(text: str) -> T:
        try:
            return parse_json_as(text, output_type)
        except NoJsonFound as exc:
            raise ModelRetry(f"{exc}. Answer again with only the JSON object.") from exc

    retries = {"output": max(max_attempts - 1, 0), "tools": max(max_attempts - 1, 0)}
    if mode == TOOL:
        # Text is accepted too: some servers take the tool but answer with JSON text.
        return Agent(
            output_type=[ToolOutput(output_type, name="final_result"), TextOutput(from_text)],
            instructions=system,
            retries=retries,
        )
    return Agent(
        output_type=TextOutput(from_text),
        instructions=f"{system}\n\n{schema_instructions(output_type)}",
        retries=retries,
    )


def _settings(
    model: Model, mode: str, reasoning_effort: str | None, remaining: float
) -> ModelSettings:
    settings: dict[str, Any] = {"timeout": remaining, "max_retries": 0}
    if isinstance(model, OpenAIChatModel):
        if reasoning_effort:
            settings["openai_reasoning_effort"] = reasoning_effort
        if mode == JSON:
            settings["extra_body"] = {"response_format": {"type": "json_object"}}
    return ModelSettings(**settings)  # type: ignore[typeddict-item]


def _as_usage(run_usage: RunUsage) -> LLMUsage:
    return LLMUsage(
        calls=run_usage.requests,
        input_tokens=run_usage.input_tokens,
        output_tokens=run_usage.output_tokens,
    )


def _known_secrets(model: Model) -> tuple[str, ...]:
    key = getattr(getattr(model, "client", None), "api_key", None)
    return (key,) if isinstance(key, str) and len(key) >= 6 else ()
