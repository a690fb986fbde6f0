"""Stores the response of a request that claimed an Idempotency-Key, or frees the key.

Innermost of the middleware, so what is stored is the endpoint's own response: the
request id and rate-limit headers are added around it, fresh, on the first send and on
every replay alike. The response is held until it is stored, so a client that retries the
moment it has the first answer gets the replay, never "still being processed".
"""

from __future__ import annotations

import asyncio
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from refleum.idempotency.deps import STATE_KEY
from refleum.idempotency.store import Claim

log = logging.getLogger("refleum.idempotency")


def worth_keeping(status: int) -> bool:
    """2xx and 4xx are the request's outcome and are replayed. A 5xx (our failure) and a
    429 (come back later) are not: the key is freed so that a retry runs again."""
    return status < 500 and status != 429


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        start: Message | None = None
        chunks: list[bytes] = []

        async def recording_send(message: Message) -> None:
            nonlocal start
            claim: Claim | None = state.get(STATE_KEY)
            if claim is None or claim.done:
                await send(message)
                return
            if message["type"] == "http.response.start":
                start = message
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            assert start is not None
            body = b"".join(chunks)
            await asyncio.shield(_settle(claim, start, body))
            await send(start)
            await send({"type": "http.response.body", "body": body})

        try:
            await self.app(scope, receive, recording_send)
        finally:
            claim = state.get(STATE_KEY)
            if claim is not None and not claim.done:
                # A crash, a cancelled request or no response at all: nothing to replay.
                await asyncio.shield(_release(claim))


async def _settle(claim: Claim, start: Message, body: bytes) -> None:
    status = start["status"]
    try:
        if worth_keeping(status):
            headers = [[k.decode("latin-1"), v.decode("latin-1")] for k, v in start["headers"]]
            await claim.finish(status, headers, body)
        else:
            await claim.release()
    except Exception:
        # The claim stays in progress until its lease ends; the client still gets its answer.
        log.exception("storing the idempotent response failed")


async def _release(claim: Claim) -> None:
    try:
        await claim.release()
    except Exception:
        log.exception("freeing the idempotency key failed")
