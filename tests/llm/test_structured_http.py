"""run_structured over real HTTP against the fake OpenAI-compatible and Anthropic servers."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ConfigDict
from tests.fakes import replies

from refleum.llm.errors import LLMProviderError, LLMTimeout
from refleum.llm.providers import build_model
from refleum.llm.settings import ProviderSettings
from refleum.llm.structured import run_structured

GOOD = {"name": "Ada", "age": 36}
PROMPT = "Resume text: Ada Lovelace, 36, analyst. UNIQUE-MARKER-7781"


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    age: int


async def ask(model, memory, clock=None, **kwargs):
    options = {
        "system": "Extract the person.",
        "prompt": PROMPT,
        "timeout_s": 10.0,
        "memory": memory,
    }
    if clock is not None:
        options.update(sleep=clock.sleep, clock=clock, jitter=lambda: 0.0)
    options.update(kwargs)
    return await run_structured(model, Person, **options)


async def test_tool_call_over_http(fake_model_server, compatible_model, memory):
    fake_model_server.enqueue(replies.tool_call(GOOD, input_tokens=120, output_tokens=30))
    result = await ask(compatible_model, memory)
    assert result.output == Person(**GOOD) and result.mode == "tool"
    assert result.usage.model_dump() == {"calls": 1, "input_tokens": 120, "output_tokens": 30}
    request = fake_model_server.requests[0]
    assert request.body["model"] == "tiny-llm"
    assert request.body["tools"][0]["function"]["name"] == "final_result"
    assert request.text.count("UNIQUE-MARKER-7781") == 1  # the prompt is sent once
    assert request.headers["authorization"] == "Bearer sk-test-secret-0123456789"


async def test_fallback_ladder_tool_json_prompted_is_remembered(
    fake_model_server, compatible_model, memory
):
    fake_model_server.enqueue(
        replies.tools_not_supported(),
        replies.response_format_not_supported(),
        replies.json_answer(GOOD, input_tokens=50, output_tokens=9),
        replies.json_answer(GOOD),
    )
    first = await ask(compatible_model, memory)
    assert first.mode == "prompted"
    bodies = [r.body for r in fake_model_server.requests]
    assert "tools" in bodies[0]
    assert bodies[1]["response_format"] == {"type": "json_object"} and "tools" not in bodies[1]
    assert "response_format" not in bodies[2] and "tools" not in bodies[2]
    assert first.usage.model_dump() == {"calls": 3, "input_tokens": 50, "output_tokens": 9}
    second = await ask(compatible_model, memory)
    assert second.mode == "prompted" and fake_model_server.call_count == 4


async def test_json_mode_when_only_tools_are_missing(fake_model_server, compatible_model, memory):
    fake_model_server.enqueue(
        replies.http_error(
            400,
            '"auto" tool choice requires --enable-auto-tool-choice and '
            "--tool-call-parser to be set",
        ),
        replies.think_then_json(GOOD, closed=False),
    )
    result = await ask(compatible_model, memory)
    assert result.mode == "json" and result.output.age == 36


@pytest.mark.parametrize("closed", [True, False])
async def test_think_prefixed_text_answer(fake_model_server, compatible_model, memory, closed):
    fake_model_server.enqueue(replies.think_then_json(GOOD, closed=closed))
    assert (await ask(compatible_model, memory)).output == Person(**GOOD)


@pytest.mark.parametrize(
    "bad",
    [
        replies.tool_call('{"name": "Ada", '),
        replies.tool_call({"name": "Ada"}),
        replies.tool_call({**GOOD, "employer": "Invented Corp"}),
        replies.empty_answer(),
        replies.text_answer("Here is your resume!"),
        replies.tool_call(GOOD, name="delete_everything"),
    ],
)
async def test_hostile_answers_are_corrected_or_fail_cleanly(
    fake_model_server, compatible_model, memory, bad
):
    fake_model_server.enqueue(bad, replies.tool_call(GOOD))
    assert (await ask(compatible_model, memory)).output == Person(**GOOD)
    fake_model_server.enqueue(bad, bad, bad)
    with pytest.raises(LLMProviderError, match="no valid answer"):
        await ask(compatible_model, memory, max_attempts=3)


async def test_server_errors_are_retried_and_tokens_summed(
    fake_model_server, compatible_model, memory, clock
):
    fake_model_server.enqueue(
        replies.http_error(500),
        replies.rate_limited("3"),
        replies.tool_call({"name": "Ada"}, input_tokens=10, output_tokens=5),
        replies.tool_call(GOOD, input_tokens=20, output_tokens=6),
    )
    result = await ask(compatible_model, memory, clock, max_attempts=3)
    assert clock.sleeps == [0.25, 3.0]
    assert result.usage.model_dump() == {"calls": 4, "input_tokens": 30, "output_tokens": 11}
    assert fake_model_server.call_count == 4


async def test_persistent_server_errors_end_in_provider_error(
    fake_model_server, compatible_model, memory, clock
):
    fake_model_server.enqueue(*(replies.http_error(502, "bad gateway") for _ in range(3)))
    with pytest.raises(LLMProviderError, match="HTTP 502: bad gateway") as info:
        await ask(compatible_model, memory, clock, max_attempts=3)
    assert "sk-test-secret" not in info.value.detail
    assert fake_model_server.call_count == 3


async def test_hang_longer_than_the_timeout(fake_model_server, compatible_model, memory):
    fake_model_server.enqueue(replies.hang(10))
    with pytest.raises(LLMTimeout):
        await ask(compatible_model, memory, timeout_s=0.5)
    assert fake_model_server.call_count == 1


async def test_garbage_body_is_a_provider_error(fake_model_server, compatible_model, memory):
    fake_model_server.enqueue(replies.garbage())
    with pytest.raises(LLMProviderError):
        await ask(compatible_model, memory)


@pytest.mark.parametrize(
    "body",
    [
        {"id": "x", "object": "chat.completion", "created": 0, "model": "m", "choices": []},
        {"unexpected": "shape"},
        [1, 2, 3],
    ],
)
async def test_malformed_completion_is_a_provider_error(
    fake_model_server, compatible_model, memory, body
):
    fake_model_server.enqueue(*(replies.raw_json(body) for _ in range(9)))
    with pytest.raises(LLMProviderError):
        await ask(compatible_model, memory)


async def test_unreachable_server_is_a_provider_error(memory, clock):
    settings = ProviderSettings("openai-compatible", "m", None, "http://127.0.0.1:9/v1")
    model = build_model(settings, allow_private=True)
    with pytest.raises(LLMProviderError, match="unreachable"):
        await ask(model, memory, clock, max_attempts=2)
    assert len(clock.sleeps) == 1


async def test_reasoning_effort_reaches_openai_reasoning_models(fake_model_server, memory):
    settings = ProviderSettings(
        "openai", "o3-mini", "sk-test-0123456789", fake_model_server.base_url
    )
    model = build_model(settings, allow_private=True)
    fake_model_server.enqueue(replies.tool_call(GOOD))
    await ask(model, memory, reasoning_effort="low")
    assert fake_model_server.requests[0].body.get("reasoning_effort") == "low"


@pytest.mark.parametrize(
    ("model_name", "streamed"), [("claude-x-unknown", False), ("claude-sonnet-5-5", True)]
)
async def test_anthropic_tool_call_plain_and_streamed(
    fake_model_server, memory, model_name, streamed
):
    settings = ProviderSettings(
        "anthropic", model_name, "sk-ant-test-0123456789", fake_model_server.root_url
    )
    model = build_model(settings, allow_private=True)
    fake_model_server.enqueue(replies.tool_call(GOOD, input_tokens=40, output_tokens=12))
    result = await ask(model, memory)
    assert result.output == Person(**GOOD)
    assert result.usage.input_tokens == 40 and result.usage.output_tokens == 12
    request = fake_model_server.requests[0]
    assert request.path == "/v1/messages"
    assert bool(request.body.get("stream")) is streamed  # big max_tokens -> SSE
    sent_key = request.headers.get("x-api-key") or request.headers.get("authorization", "")
    assert sent_key.endswith("sk-ant-test-0123456789")


async def test_anthropic_rate_limit_then_text(fake_model_server, memory, clock):
    settings = ProviderSettings(
        "anthropic", "claude-sonnet-5-5", "sk-ant-test-0123456789", fake_model_server.root_url
    )
    model = build_model(settings, allow_private=True)
    fake_model_server.enqueue(replies.rate_limited("2"), replies.think_then_json(GOOD))
    result = await ask(model, memory, clock)
    assert result.output == Person(**GOOD) and clock.sleeps == [2.0]
