"""The small pieces behind run_structured: JSON from text, error reading, usage."""

from __future__ import annotations

import email.utils
import json

import pytest
from pydantic import BaseModel
from pydantic_ai.exceptions import ModelHTTPError

from refleum.llm.failures import backoff_s, parse_retry_after, redact, retry_after_s
from refleum.llm.output_modes import JSON, PROMPTED, TOOL, ModeMemory, rejects_mode
from refleum.llm.schema_prompt import schema_instructions
from refleum.llm.text_json import NoJsonFound, parse_json_as, strip_thinking
from refleum.llm.usage import LLMUsage
from refleum.resume_data import ResumeData


class Point(BaseModel):
    x: int
    y: int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<think>a</think>answer", "answer"),
        ("<THINK>a\nb</THINK>\n answer ", "answer"),
        ("<think>never closed {x}", "never closed {x}"),
        ("eaten opening</think>answer", "answer"),
        ("<thinking>t</thinking><think>u</think>answer", "answer"),
        ("plain", "plain"),
    ],
)
def test_strip_thinking(text, expected):
    assert strip_thinking(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        '{"x": 1, "y": 2}',
        '```json\n{"x": 1, "y": 2}\n```',
        'Sure: {"x": 1, "y": 2} hope it helps',
        '<think>maybe {"x": "one"} or {broken</think>{"x": 1, "y": 2}',
        '<think>unclosed {"z": 0}\n{"x": 1, "y": 2}',
        '{"wrapper": {"x": 1, "y": 2}}',  # only the inner object fits the schema
    ],
)
def test_parse_json_as_finds_the_valid_object(text):
    assert parse_json_as(text, Point) == Point(x=1, y=2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("<think>only thoughts</think>", "empty"),
        ("no json here", "no JSON"),
        ('{"x": 1', "no JSON"),
        ('{"x": "a", "y": 2}', "x: Input should be a valid integer"),
    ],
)
def test_parse_json_as_explains_failures(text, message):
    with pytest.raises(NoJsonFound, match=message):
        parse_json_as(text, Point)


def error(status, message, **kwargs):
    return ModelHTTPError(status, "m", {"error": {"message": message}}, **kwargs)


@pytest.mark.parametrize(
    ("status", "message", "mode", "rejected"),
    [
        (400, "registry.ollama.ai/library/gemma does not support tools", TOOL, True),
        (400, '"auto" tool choice requires --enable-auto-tool-choice', TOOL, True),
        (500, "tools param requires --jinja flag", TOOL, True),
        (400, "Tool calling is not supported for this model", TOOL, True),
        (422, "Unrecognized request argument supplied: tools", TOOL, True),
        (400, "function calling is unsupported", TOOL, True),
        (400, "response_format is not supported by this server", JSON, True),
        (400, "json_object response format is unsupported", JSON, True),
        (400, "Invalid value for response_format", JSON, True),
        (400, "Unsupported value: json mode", JSON, True),
        (400, "This model's maximum context length is 8192 tokens", TOOL, False),
        (401, "tools not supported", TOOL, False),  # auth, not a feature problem
        (429, "tools not supported", TOOL, False),
        (400, "response_format is not supported", TOOL, False),  # wrong rung
        (400, "tools not supported", PROMPTED, False),  # nothing below prompted
    ],
)
def test_rejects_mode(status, message, mode, rejected):
    assert rejects_mode(error(status, message), mode) is rejected


def test_mode_memory_only_steps_down():
    memory = ModeMemory()
    key = ("openai", "http://x/v1", "m")
    assert memory.rung(key) == 0
    memory.step_down(key, 2)
    memory.step_down(key, 1)
    assert memory.rung(key) == 2
    assert memory.rung(("openai", "http://x/v1", "other")) == 0


@pytest.mark.parametrize(
    ("value", "seconds"),
    [("5", 5.0), ("0.5", 0.5), ("-3", 0.0), ("soon", None), ("", None), ("nan", None)],
)
def test_parse_retry_after_seconds(value, seconds):
    assert parse_retry_after(value, now=0) == seconds


def test_parse_retry_after_http_date():
    now = 1_700_000_000.0
    assert parse_retry_after(email.utils.formatdate(now + 30, usegmt=True), now=now) == 30.0
    assert parse_retry_after(email.utils.formatdate(now - 30, usegmt=True), now=now) == 0.0


def test_retry_after_ms_wins():
    exc = error(429, "slow", headers={"retry-after-ms": "1500", "retry-after": "9"})
    assert retry_after_s(exc) == 1.5


def test_backoff_grows_and_is_capped():
    lows = [backoff_s(n, jitter=0.0) for n in range(1, 8)]
    assert lows == [0.25, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert backoff_s(3, jitter=0.9999) < 2.0


@pytest.mark.parametrize(
    ("text", "leaked"),
    [
        ("Incorrect API key provided: sk-proj-abcdef123456", "abcdef123456"),
        ("auth header Bearer eyJhbGciOi.xyz was rejected", "eyJhbGciOi"),
        ("token AbCdEfGhIjKlMnOpQrStUvWxYz0123456789 invalid", "AbCdEfGhIjKlMnOp"),
    ],
)
def test_redact_removes_credentials(text, leaked):
    assert leaked not in redact(text)


def test_redact_removes_known_secrets_and_truncates():
    assert "hunter2-secret" not in redact("key hunter2-secret bad", ("hunter2-secret",))
    assert len(redact("x " * 1000)) <= 240


def test_usage_adds_up():
    total = LLMUsage(calls=1, input_tokens=10, output_tokens=3) + LLMUsage(calls=2, input_tokens=5)
    assert total == LLMUsage(calls=3, input_tokens=15, output_tokens=3)
    assert sum([LLMUsage(calls=1)] * 3, LLMUsage()) == LLMUsage(calls=3)


def test_the_schema_in_a_prompt_has_no_generated_titles_but_keeps_a_title_field():
    text = schema_instructions(ResumeData)
    schema = json.loads(text.split("JSON schema: ", 1)[1])
    work = schema["$defs"]["WorkExperience"]
    assert "title" in work["properties"]  # the job title field itself
    assert '"title":"' not in text  # no generated "Job Title"-style labels anywhere
