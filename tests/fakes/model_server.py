"""A real HTTP model server on 127.0.0.1 speaking the OpenAI and Anthropic APIs.

Runs uvicorn in a background thread on an ephemeral port. Each request takes the next
scripted :mod:`tests.fakes.replies` reply (an HTTP 500 naming the problem when the
script is exhausted) and is recorded, so a test can count calls and inspect what was sent.
Paths: ``/v1/chat/completions`` (OpenAI) and ``/v1/messages`` (Anthropic).
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
from collections import deque
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from tests.fakes import dialects
from tests.fakes.replies import Reply


@dataclass(frozen=True)
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def text(self) -> str:
        """Every prompt string in the request, joined: what the model was shown."""
        return (
            "\n".join(_strings(self.body.get("messages", [])))
            + "\n"
            + "\n".join(_strings(self.body.get("system", [])))
        )


class FakeModelServer:
    def __init__(self) -> None:
        self._script: deque[Reply] = deque()
        self.requests: list[RecordedRequest] = []
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self.port = 0
        self._stopping = threading.Event()

    # -- scripting ---------------------------------------------------------------
    def enqueue(self, *replies: Reply) -> FakeModelServer:
        self._script.extend(replies)
        return self

    @property
    def call_count(self) -> int:
        return len(self.requests)

    @property
    def pending(self) -> int:
        """Scripted replies not consumed yet."""
        return len(self._script)

    @property
    def base_url(self) -> str:
        """The OpenAI-style base URL (``…/v1``)."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def root_url(self) -> str:
        """The Anthropic-style base URL (the SDK adds ``/v1/messages`` itself)."""
        return f"http://127.0.0.1:{self.port}"

    # -- lifecycle ---------------------------------------------------------------
    def start(self) -> FakeModelServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app(), log_level="warning", lifespan="off", timeout_graceful_shutdown=1
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [sock]},
            daemon=True,
            name=f"fake-model-{self.port}",
        )
        self._thread.start()
        for _ in range(500):
            if self._server.started or not self._thread.is_alive():
                break
            threading.Event().wait(0.01)
        if not self._server.started:
            raise RuntimeError("fake model server did not start")
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.should_exit = True
            self._server.force_exit = True
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> FakeModelServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- HTTP --------------------------------------------------------------------
    async def _hang(self, seconds: float) -> None:
        # Waits on the stop signal, so stop() never waits for a long hang to end.
        await asyncio.to_thread(self._stopping.wait, seconds)

    def _app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/chat/completions", self._handle, methods=["POST"]),
                Route("/v1/messages", self._handle, methods=["POST"]),
            ]
        )

    async def _handle(self, request: Request) -> Response:
        raw = await request.body()
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {"_unparseable": raw.decode(errors="replace")}
        self.requests.append(RecordedRequest(request.url.path, dict(request.headers), body))
        reply = self._script.popleft() if self._script else None
        dialect = dialects.ANTHROPIC if request.url.path == "/v1/messages" else dialects.OPENAI
        if reply is None:
            return dialect.error(500, "fake server: no scripted reply left", "server_error", {})
        if reply.kind == "hang":
            await self._hang(reply.seconds)
            return dialect.error(500, "fake server: hang ended", "server_error", {})
        if reply.kind == "raw":
            return Response(reply.body, status_code=reply.status, headers=reply.headers)
        if reply.kind == "error":
            return dialect.error(reply.status, reply.text, reply.error_type, reply.headers)
        return dialect.answer(reply, body)


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    return []
