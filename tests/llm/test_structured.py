"""run_structured against pydantic-ai's FunctionModel: every hostile answer, no network."""

from __future__ import annotations

import asyncio
import email.utils
import json
import time

import pytest
from pydantic import BaseModel, ConfigDict
from pydantic_ai.exceptions import ModelHTTPError
from pydantic_ai.messages import ModelResponse, TextPart, ToolCallPart
from pydantic_ai.models.function import AgentInfo, FunctionModel

from refleum.llm.errors import LLMProviderError, LLMTimeout
from refleum.llm.structured import run_structured


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    age: int


GOOD = {"name": "Ada", "age": 36}


def scripted(*steps):
    """A FunctionModel answering with ``steps`` in order (exceptions are raised)."""
    queue = list(steps)
    seen: list[AgentInfo] = []

    async def respond(messages, info: AgentInfo):
        seen.append(info)
        step = queue.pop(0) if queue else TextPart("")
        if isinstance(step, BaseException):
            raise step
        if callable(step):
            return await step(messages, info)
        return ModelResponse(parts=[step])

    model = FunctionModel(respond, model_name="scripted")
    model.seen = seen
    return model


def tool(args):
    return ToolCallPart("final_result", args if isinstance(args, str) else json.dumps(args))


def http_error(status, message="boom", headers=None):
    return ModelHTTPError(status, "scripted", {"error": {"message": message}}, headers=headers)


async def run(model, clock=None, **kwargs):
    options = {"system": "Extract the person.", "prompt": "Ada, 36", "timeout_s": 30.0}
    if clock is not None:
        options.update(sleep=clock.sleep, clock=clock, jitter=lambda: 0.0)
    options.update(kwargs)
    return await run_structured(model, Person, **options)


async def test_tool_call_answer(memory):
    result = await run(scripted(tool(GOOD)), memory=memory)
    assert result.output == Person(**GOOD)
    assert result.mode == "tool"
    assert result.usage.calls == 1 and result.usage.input_tokens > 0


@pytest.mark.parametrize(
    "bad",
    [
        tool('{"name": "Ada", "age": 36'),  # broken JSON
        tool({"name": "Ada"}),  # missing field
        tool({**GOOD, "salary": 10}),  # extra field
        tool({"name": "Ada", "age": "old"}),  # wrong type
        TextPart("I cannot help with that."),  # prose
        TextPart(""),  # empty
    ],
)
async def test_bad_answer_is_sent_back_then_corrected(bad, memory):
    model = scripted(bad, tool(GOOD))
    result = await run(model, memory=memory)
    assert result.output == Person(**GOOD)
    assert result.usage.calls == 2


@pytest.mark.parametrize(
    "bad",
    [tool('{"name": '), tool({"name": "Ada"}), TextPart("no json"), TextPart("")],
)
async def test_persistently_bad_answers_end_in_provider_error(bad, memory):
    model = scripted(bad, bad, bad, bad, bad)
    with pytest.raises(LLMProviderError, match="no valid answer") as info:
        await run(model, memory=memory, max_attempts=3)
    assert len(model.seen) == 3
    assert "scripted" in info.value.detail


@pytest.mark.parametrize(
    "text",
    [
        '<think>Let me {think} about {"name": 1}</think>\n{"name": "Ada", "age": 36}',
        '<think>unclosed reasoning {oops}\n```json\n{"name": "Ada", "age": 36}\n```',
        'reasoning whose opening tag was eaten</think>{"name": "Ada", "age": 36}',
        'Sure! Here it is:\n```json\n{"name": "Ada", "age": 36}\n```',
    ],
)
async def test_text_answers_are_parsed_after_removing_thinking(text, memory):
    result = await run(scripted(TextPart(text)), memory=memory)
    assert result.output == Person(**GOOD)


async def test_server_error_is_retried_with_exponential_backoff(clock, memory):
    model = scripted(http_error(500), http_error(503), tool(GOOD))
    result = await run(model, clock, memory=memory, max_attempts=3)
    assert result.output.name == "Ada"
    assert clock.sleeps == [0.25, 0.5]  # base 0.5 s doubling, jitter 0 -> lower half
    assert result.usage.calls == 3


async def test_jitter_spreads_waits_within_the_upper_half(clock, memory):
    model = scripted(http_error(502), tool(GOOD))
    await run(model, clock, memory=memory, jitter=lambda: 0.999)
    assert 0.49 < clock.sleeps[0] <= 0.5


async def test_retry_after_seconds_is_honoured(clock, memory):
    model = scripted(http_error(429, headers={"Retry-After": "7"}), tool(GOOD))
    await run(model, clock, memory=memory)
    assert clock.sleeps == [7.0]


async def test_retry_after_http_date_is_honoured(clock, memory):
    when = email.utils.formatdate(time.time() + 5, usegmt=True)
    model = scripted(http_error(429, headers={"Retry-After": when}), tool(GOOD))
    await run(model, clock, memory=memory)
    assert 3.0 <= clock.sleeps[0] <= 5.0


async def test_retry_after_past_the_deadline_is_not_waited_for(clock, memory):
    model = scripted(http_error(429, "slow down", headers={"Retry-After": "120"}), tool(GOOD))
    with pytest.raises(LLMProviderError, match="429") as info:
        await run(model, clock, memory=memory, timeout_s=10)
    assert clock.sleeps == []
    assert "deadline" in info.value.detail


async def test_gives_up_after_max_attempts(clock, memory):
    model = scripted(*(http_error(500, "overloaded") for _ in range(5)))
    with pytest.raises(LLMProviderError, match="HTTP 500: overloaded") as info:
        await run(model, clock, memory=memory, max_attempts=3)
    assert "3 attempts" in info.value.detail
    assert len(model.seen) == 3 and len(clock.sleeps) == 2


async def test_client_errors_are_not_retried(clock, memory):
    model = scripted(http_error(404, "model not found"), tool(GOOD))
    with pytest.raises(LLMProviderError, match="404"):
        await run(model, clock, memory=memory)
    assert len(model.seen) == 1 and clock.sleeps == []


async def test_quota_exhaustion_is_not_retried(clock, memory):
    error = ModelHTTPError(
        429,
        "scripted",
        {"error": {"message": "quota", "code": "insufficient_quota"}},
        provider_error_code="insufficient_quota",
    )
    model = scripted(error, tool(GOOD))
    with pytest.raises(LLMProviderError):
        await run(model, clock, memory=memory)
    assert len(model.seen) == 1


async def test_each_attempt_gets_only_the_remaining_budget(clock, memory):
    model = scripted(http_error(500), http_error(500), tool(GOOD))
    await run(model, clock, memory=memory, timeout_s=10, max_attempts=3)
    budgets = [info.model_settings["timeout"] for info in model.seen]
    assert budgets == [10.0, 9.75, 9.25]


async def test_hang_longer_than_the_timeout_is_a_timeout(memory):
    async def hang(messages, info):
        await asyncio.sleep(30)

    with pytest.raises(LLMTimeout, match="within 0.2 s"):
        await run(scripted(hang), memory=memory, timeout_s=0.2)


async def test_no_budget_left_is_a_timeout(memory):
    with pytest.raises(LLMTimeout):
        await run(scripted(tool(GOOD)), memory=memory, timeout_s=0)


async def test_provider_message_is_quoted_without_the_key(memory):
    model = scripted(http_error(401, "Incorrect API key provided: sk-proj-ABCDEFGHIJ0123456789"))
    with pytest.raises(LLMProviderError) as info:
        await run(model, memory=memory)
    assert "401" in info.value.detail
    assert "ABCDEFGHIJ" not in info.value.detail


async def test_unexpected_exceptions_become_provider_errors(memory):
    with pytest.raises(LLMProviderError, match="RuntimeError"):
        await run(scripted(RuntimeError("bug in a model adapter")), memory=memory)


async def test_tools_rejection_falls_back_to_prompted_and_is_remembered(memory):
    rejection = http_error(400, "this model does not support tools")
    model = scripted(rejection, TextPart(json.dumps(GOOD)), TextPart(json.dumps(GOOD)))
    first = await run(model, memory=memory)
    assert first.mode == "prompted"
    assert [bool(info.output_tools) for info in model.seen] == [True, False]
    assert "JSON schema" in (model.seen[1].instructions or "")
    second = await run(model, memory=memory)
    assert second.mode == "prompted" and len(model.seen) == 3


async def test_reasoning_effort_is_ignored_by_models_without_it(memory):
    model = scripted(tool(GOOD))
    await run(model, memory=memory, reasoning_effort="high")
    assert "openai_reasoning_effort" not in model.seen[0].model_settings


async def test_transport_timeout_is_a_timeout_not_a_retry(clock, memory):
    from pydantic_ai.exceptions import ModelTimeoutError

    model = scripted(ModelTimeoutError("scripted", "read timed out"), tool(GOOD))
    with pytest.raises(LLMTimeout, match="last error"):
        await run(model, clock, memory=memory)
    assert clock.sleeps == [] and len(model.seen) == 1


async def test_usage_counts_failed_requests_as_calls(clock, memory):
    model = scripted(http_error(503), tool({"name": "Ada"}), tool(GOOD))
    result = await run(model, clock, memory=memory)
    assert result.usage.calls == 3
