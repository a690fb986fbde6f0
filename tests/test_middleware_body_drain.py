"""BodyLimitMiddleware reads the rest of a refused body before answering, within bounds.

Whatever the HTTP server does with unread bytes after a response (close, reset, discard),
the envelope must reach a client that sends its whole body first (audit #11, 12 h); and
the drain itself must never read more than the limit plus a margin, or wait forever.
"""

from __future__ import annotations

import asyncio

import pytest

from refleum.error_handlers import envelope
from refleum.middleware import BodyLimitMiddleware, BodyTooLarge

LIMIT = 1000
CHUNK = 100


class Client:
    """An ASGI client sending ``size`` bytes in chunks, recording what was read when."""

    def __init__(self, size: int, declare: bool = True, stall_after: int | None = None):
        self.size, self.declare, self.stall_after = size, declare, stall_after
        self.sent = 0
        self.read_before_response: int | None = None
        self.status: int | None = None

    def scope(self) -> dict:
        headers = [(b"content-length", str(self.size).encode())] if self.declare else []
        return {"type": "http", "method": "POST", "path": "/up", "headers": headers}

    async def receive(self) -> dict:
        if self.stall_after is not None and self.sent >= self.stall_after:
            await asyncio.sleep(3600)  # a client that stops sending mid-body
        chunk = min(CHUNK, self.size - self.sent)
        self.sent += chunk
        return {"type": "http.request", "body": b"x" * chunk, "more_body": self.sent < self.size}

    async def send(self, message: dict) -> None:
        if message["type"] == "http.response.start":
            self.read_before_response = self.sent
            self.status = message["status"]


async def refusing_app(scope, receive, send):
    """Reads the body the way an endpoint does; answers the size refusal with the envelope."""
    try:
        while (await receive()).get("more_body"):
            pass
        response = envelope(200, "OK", "read")
    except BodyTooLarge as exc:
        response = envelope(400, "VALIDATION_ERROR", str(exc))
    await response(scope, receive, send)


def middleware(drain_seconds: float | None = None) -> BodyLimitMiddleware:
    wrapped = BodyLimitMiddleware(
        refusing_app, default_limit=LIMIT, upload_limit=LIMIT, upload_path="/up"
    )
    wrapped.DRAIN_MARGIN = 5 * LIMIT
    if drain_seconds is not None:
        wrapped.DRAIN_SECONDS = drain_seconds
    return wrapped


@pytest.mark.parametrize("declare", [True, False], ids=["content-length", "chunked"])
async def test_refused_body_is_read_to_its_end_before_the_answer(declare):
    size = LIMIT + 3 * CHUNK + 1  # bytes left after the refusal, in either case
    client = Client(size, declare=declare)
    await middleware()(client.scope(), client.receive, client.send)
    assert client.status == 400
    assert client.read_before_response == size


async def test_drain_stops_at_the_byte_budget():
    client = Client(100 * LIMIT, declare=False)
    await middleware()(client.scope(), client.receive, client.send)
    assert client.status == 400
    assert client.read_before_response <= LIMIT + 5 * LIMIT + CHUNK


async def test_body_declared_past_the_budget_is_not_read_at_all():
    client = Client(100 * LIMIT)
    await middleware()(client.scope(), client.receive, client.send)
    assert client.status == 400 and client.read_before_response == 0


async def test_drain_stops_at_the_time_budget():
    client = Client(3 * LIMIT, stall_after=2 * LIMIT)
    await asyncio.wait_for(
        middleware(drain_seconds=0.2)(client.scope(), client.receive, client.send), timeout=30
    )
    assert client.status == 400 and client.read_before_response == 2 * LIMIT


@pytest.mark.parametrize(
    ("headers", "drained"),
    [
        ([], False),
        ([(b"content-length", b"0")], False),
        ([(b"content-length", b"12")], True),
        ([(b"transfer-encoding", b"chunked")], True),
    ],
)
async def test_only_a_request_with_a_body_is_limited_and_drained(headers, drained):
    """An HTTP/1 request framed with no body (a GET) passes through untouched: its
    answer is sent without a receive() to drain what cannot be there."""
    received = []

    async def receive() -> dict:
        received.append(True)
        return {"type": "http.request", "body": b"", "more_body": False}

    sent = []

    async def send(message: dict) -> None:
        sent.append(message["type"])

    async def answering_unread(scope, receive, send):
        await envelope(401, "UNAUTHORIZED", "no key")(scope, receive, send)

    wrapped = BodyLimitMiddleware(
        answering_unread, default_limit=LIMIT, upload_limit=LIMIT, upload_path="/up"
    )
    scope = {"type": "http", "http_version": "1.1", "method": "GET", "path": "/r"}
    await wrapped({**scope, "headers": headers}, receive, send)
    assert sent == ["http.response.start", "http.response.body"]
    assert bool(received) is drained
