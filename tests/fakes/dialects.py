"""How a scripted reply looks on the wire, per API (OpenAI chat, Anthropic messages)."""

from __future__ import annotations

import json
from typing import Any

from starlette.responses import JSONResponse, Response
from tests.fakes.replies import Reply


class OpenAIDialect:
    def error(
        self, status: int, message: str, error_type: str, headers: dict[str, str]
    ) -> Response:
        body = {"error": {"message": message, "type": error_type, "param": None, "code": None}}
        return JSONResponse(body, status_code=status, headers=headers)

    def answer(self, reply: Reply, request: dict[str, Any]) -> Response:
        message: dict[str, Any] = {"role": "assistant", "content": reply.text or None}
        finish = "stop"
        if reply.kind == "tool_call":
            name = reply.tool_name or _first_tool(request, "openai")
            message = {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {
                        "id": "call_1",
                        "type": "function",
                        "function": {"name": name, "arguments": reply.tool_args},
                    }
                ],
            }
            finish = "tool_calls"
        elif not reply.text:
            message["content"] = ""
        usage = {
            "prompt_tokens": reply.input_tokens,
            "completion_tokens": reply.output_tokens,
            "total_tokens": reply.input_tokens + reply.output_tokens,
        }
        return JSONResponse(
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "created": 1700000000,
                "model": request.get("model", "fake"),
                "choices": [{"index": 0, "message": message, "finish_reason": finish}],
                "usage": usage,
            }
        )


class AnthropicDialect:
    def error(
        self, status: int, message: str, error_type: str, headers: dict[str, str]
    ) -> Response:
        kind = {400: "invalid_request_error", 429: "rate_limit_error"}.get(status, "api_error")
        body = {"type": "error", "error": {"type": error_type or kind, "message": message}}
        return JSONResponse(body, status_code=status, headers=headers)

    def answer(self, reply: Reply, request: dict[str, Any]) -> Response:
        if reply.kind == "tool_call":
            name = reply.tool_name or _first_tool(request, "anthropic")
            block: dict[str, Any] = {"type": "tool_use", "id": "toolu_1", "name": name, "input": {}}
            stop = "tool_use"
        else:
            block = {"type": "text", "text": ""}
            stop = "end_turn"
        if request.get("stream"):
            return Response(self._sse(reply, request, block, stop), media_type="text/event-stream")
        if reply.kind == "tool_call":
            block = {**block, "input": _json_or_raw(reply.tool_args)}
        else:
            block = {**block, "text": reply.text}
        return JSONResponse(
            {
                "id": "msg_fake",
                "type": "message",
                "role": "assistant",
                "model": request.get("model", "fake"),
                "content": [block],
                "stop_reason": stop,
                "stop_sequence": None,
                "usage": {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens},
            }
        )

    def _sse(self, reply: Reply, request: dict[str, Any], block: dict[str, Any], stop: str) -> str:
        if reply.kind == "tool_call":
            delta = {"type": "input_json_delta", "partial_json": reply.tool_args}
        else:
            delta = {"type": "text_delta", "text": reply.text}
        events = [
            (
                "message_start",
                {
                    "type": "message_start",
                    "message": {
                        "id": "msg_fake",
                        "type": "message",
                        "role": "assistant",
                        "model": request.get("model", "fake"),
                        "content": [],
                        "stop_reason": None,
                        "stop_sequence": None,
                        "usage": {"input_tokens": reply.input_tokens, "output_tokens": 1},
                    },
                },
            ),
            (
                "content_block_start",
                {"type": "content_block_start", "index": 0, "content_block": block},
            ),
            ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}),
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": stop, "stop_sequence": None},
                    "usage": {"output_tokens": reply.output_tokens},
                },
            ),
            ("message_stop", {"type": "message_stop"}),
        ]
        return "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)


def _first_tool(request: dict[str, Any], dialect: str) -> str:
    tools = request.get("tools") or []
    if not tools:
        return "final_result"
    first = tools[0]
    return first["function"]["name"] if dialect == "openai" else first["name"]


def _json_or_raw(raw: str) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return raw


OPENAI = OpenAIDialect()
ANTHROPIC = AnthropicDialect()
