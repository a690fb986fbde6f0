"""ASGI middleware: request ids, access log, and a body-size cap applied while streaming."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("refleum.access")

_SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")


class BodyTooLarge(Exception):
    def __init__(self, limit: int):
        self.limit = limit
        super().__init__(f"Request body exceeds the {limit // (1024 * 1024)} MB limit")


class BodyLimitMiddleware:
    """Refuses a body past its limit as it arrives, so no request can make us buffer more.

    A declared Content-Length over the limit is refused before reading; a chunked or
    lying body fails the moment the running total passes the limit.

    A response sent before the body was read (that refusal, or a 401/429 on an upload)
    first drains what is left of the body, discarding it, up to ``limit + DRAIN_MARGIN``
    bytes and ``DRAIN_SECONDS``: a client that sends its whole body before reading then
    gets the error envelope instead of a TCP reset, and memory use stays constant.
    """

    DRAIN_MARGIN = 4 * 1024 * 1024
    DRAIN_SECONDS = 10.0

    def __init__(self, app: ASGIApp, *, default_limit: int, upload_limit: int, upload_path: str):
        self.app = app
        self.default_limit = default_limit
        self.upload_limit = upload_limit
        self.upload_path = upload_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared, chunked = _body_framing(scope)
        if _HTTP1.get(scope.get("http_version")) and not chunked and declared in (None, b"0"):
            # No body, as on nearly every GET: in HTTP/1 a body is framed by one of those
            # two headers (RFC 9112 §6.3), so there is nothing to limit or drain.
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"] == self.upload_path else self.default_limit
        if declared is not None and declared.isdigit() and int(declared) > limit:
            scope.setdefault("state", {})["body_too_large"] = limit
        received = 0
        body_done = False

        async def limited_receive() -> Message:
            nonlocal received, body_done
            if scope.get("state", {}).get("body_too_large"):
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > limit:
                    raise BodyTooLarge(limit)
            else:
                body_done = True  # disconnected: nothing more will come
            return message

        budget = limit + self.DRAIN_MARGIN
        # A body declared past the drain budget could not be read to its end anyway.
        worth_draining = declared is None or not declared.isdigit() or int(declared) <= budget

        async def draining_send(message: Message) -> None:
            nonlocal body_done
            if message["type"] == "http.response.start" and not body_done:
                body_done = True
                if worth_draining:
                    await self._drain(receive, budget - received)
            await send(message)

        await self.app(scope, limited_receive, draining_send)

    async def _drain(self, receive: Receive, budget: int) -> None:
        """Reads and drops the unread body, within a byte and a time budget."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(self.DRAIN_SECONDS):
                while budget > 0:
                    message = await receive()
                    if message["type"] != "http.request":
                        return
                    budget -= len(message.get("body", b""))
                    if not message.get("more_body", False):
                        return


# HTTP/2 may send a body with neither header; the servers refleum runs on speak HTTP/1.
_HTTP1 = {"1.0": True, "1.1": True}


def _header(scope: Scope, name: bytes) -> bytes:
    """The last value of a request header, b"" when absent."""
    found = b""
    for key, value in scope["headers"]:
        if key == name:
            found = value
    return found


def _body_framing(scope: Scope) -> tuple[bytes | None, bool]:
    """(Content-Length as sent, whether Transfer-Encoding is present)."""
    declared, chunked = None, False
    for name, value in scope["headers"]:
        if name == b"content-length":
            declared = value
        elif name == b"transfer-encoding":
            chunked = True
    return declared, chunked


# Paths that carry a secret: a one-time sign-in link's token is its last segment.
_SECRET_PATH_PREFIXES = ("/signin/link/",)


def _loggable_path(path: str) -> str:
    for prefix in _SECRET_PATH_PREFIXES:
        if path.startswith(prefix):
            return prefix + "…"
    return path


class RequestContextMiddleware:
    """Gives every response an X-Request-ID and writes one access-log line per request.

    The line carries method, path, status, duration, org id and request id: never a key,
    a query string or a body. ``response_headers(state)`` adds headers computed from the
    request's state when its answer starts (the rate-limit figures, limits/headers.py):
    one send wrapper for both, the unhandled-error envelope included, where two layers
    each wrapped every send.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        response_headers: Callable[[dict[str, Any]], Mapping[str, str] | None] | None = None,
    ):
        self.app = app
        self.response_headers = response_headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id").decode("latin-1")
        # 128 random bits as 32 hex digits, like uuid4().hex, at a quarter of its cost.
        request_id = incoming if _SANE_REQUEST_ID.match(incoming) else os.urandom(16).hex()
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        started_response = False
        response_headers = self.response_headers

        async def send_with_context(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                started_response = True
                status = message["status"]
                headers = MutableHeaders(scope=message)
                headers["X-Request-ID"] = request_id
                extra = response_headers(state) if response_headers is not None else None
                for name, value in (extra or {}).items():
                    headers[name] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_context)
        except Exception:
            # Caught here rather than by Starlette's outermost handler so the 500 still
            # carries X-Request-ID and the envelope; the trace goes to the log only.
            log.exception("unhandled error request_id=%s", request_id)
            if not started_response:
                await JSONResponse(
                    {"error": "INTERNAL_ERROR", "detail": "Unexpected server error"},
                    status_code=500,
                )(scope, receive, send_with_context)
        finally:
            if log.isEnabledFor(logging.INFO):  # its arguments are work too, per request
                log.info(
                    "%s %s %s %.1fms org=%s request_id=%s",
                    scope["method"],
                    _loggable_path(scope["path"]),
                    status,
                    (time.perf_counter() - started) * 1000,
                    state.get("org_id", "-"),
                    request_id,
                )
