"""Scripted answers for :class:`FakeModelServer`, one per request, in queue order.

A reply says what the model does (answer text, call a tool, fail, hang); the server
renders it in the dialect of the endpoint that was called (OpenAI chat completions or
Anthropic messages, streamed as SSE when the client asked for a stream).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

DEFAULT_INPUT_TOKENS = 11
DEFAULT_OUTPUT_TOKENS = 7


@dataclass(frozen=True)
class Reply:
    kind: str  # "text" | "tool_call" | "error" | "hang" | "raw"
    text: str = ""
    tool_args: str = ""
    tool_name: str | None = None
    status: int = 200
    body: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    error_type: str = ""
    input_tokens: int = DEFAULT_INPUT_TOKENS
    output_tokens: int = DEFAULT_OUTPUT_TOKENS


def text_answer(
    text: str,
    *,
    input_tokens: int = DEFAULT_INPUT_TOKENS,
    output_tokens: int = DEFAULT_OUTPUT_TOKENS,
) -> Reply:
    """The assistant answers with plain text (JSON text, ``<think>`` prose, anything)."""
    return Reply("text", text=text, input_tokens=input_tokens, output_tokens=output_tokens)


def json_answer(data: Any, **tokens: int) -> Reply:
    """The assistant answers with ``data`` serialised as JSON text."""
    return text_answer(json.dumps(data), **tokens)


def think_then_json(data: Any, *, closed: bool = True, **tokens: int) -> Reply:
    """A reasoning model's answer: a ``<think>`` block (closed or not) before the JSON."""
    thought = "<think>The user wants JSON. {not real data}" + ("</think>\n" if closed else "\n")
    return text_answer(thought + json.dumps(data), **tokens)


def empty_answer(**tokens: int) -> Reply:
    return text_answer("", **tokens)


def tool_call(
    args: Any,
    *,
    name: str | None = None,
    input_tokens: int = DEFAULT_INPUT_TOKENS,
    output_tokens: int = DEFAULT_OUTPUT_TOKENS,
) -> Reply:
    """The assistant calls a tool; ``name`` defaults to the first tool the request offered.

    ``args`` given as a str is sent verbatim (for broken JSON), anything else as JSON.
    """
    raw = args if isinstance(args, str) else json.dumps(args)
    return Reply(
        "tool_call",
        tool_args=raw,
        tool_name=name,
        input_tokens=input_tokens,
        output_tokens=output_tokens,
    )


def http_error(
    status: int,
    message: str = "internal error",
    *,
    headers: dict[str, str] | None = None,
    error_type: str = "server_error",
) -> Reply:
    return Reply("error", status=status, text=message, error_type=error_type, headers=headers or {})


def rate_limited(retry_after: str | None = "1") -> Reply:
    headers = {"retry-after": retry_after} if retry_after is not None else {}
    return http_error(429, "Rate limit reached", headers=headers, error_type="rate_limit_error")


def tools_not_supported(model: str = "tiny-llm") -> Reply:
    """What Ollama answers when the model has no tool template."""
    return http_error(
        400,
        f"registry.ollama.ai/library/{model} does not support tools",
        error_type="invalid_request_error",
    )


def response_format_not_supported() -> Reply:
    return http_error(
        400, "response_format is not supported by this server", error_type="invalid_request_error"
    )


def garbage(body: str = "<html>502 Bad Gateway</html>", status: int = 200) -> Reply:
    """A body that is not the API's JSON at all (a proxy's error page, say)."""
    return Reply("raw", status=status, body=body, headers={"content-type": "text/html"})


def raw_json(body: Any, status: int = 200) -> Reply:
    """A JSON body of the caller's choosing (e.g. a completion with no choices)."""
    return Reply(
        "raw", status=status, body=json.dumps(body), headers={"content-type": "application/json"}
    )


def hang(seconds: float) -> Reply:
    """The server accepts the request and stays silent for ``seconds``."""
    return Reply("hang", seconds=seconds)


def redirect(location: str, status: int = 307) -> Reply:
    """A redirect the client must not follow (it could lead past the api_base check)."""
    return Reply("raw", status=status, body="", headers={"location": location})
