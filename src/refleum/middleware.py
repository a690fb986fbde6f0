"""ASGI middleware: request ids, access log, and a body-size cap applied while streaming."""

from __future__ import annotations

import logging
import re
import time
import uuid

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
    """

    def __init__(self, app: ASGIApp, *, default_limit: int, upload_limit: int, upload_path: str):
        self.app = app
        self.default_limit = default_limit
        self.upload_limit = upload_limit
        self.upload_path = upload_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if scope["path"] == self.upload_path else self.default_limit
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            scope.setdefault("state", {})["body_too_large"] = limit
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            if scope.get("state", {}).get("body_too_large"):
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, limited_receive, send)


class RequestContextMiddleware:
    """Gives every response an X-Request-ID and writes one access-log line per request.

    The line carries method, path, status, duration, org id and request id: never a key,
    a query string or a body.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = dict(scope["headers"]).get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        started_response = False

        async def tracking_send(message: Message) -> None:
            nonlocal started_response
            started_response = started_response or message["type"] == "http.response.start"
            await send_with_id(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            # Caught here rather than by Starlette's outermost handler so the 500 still
            # carries X-Request-ID and the envelope; the trace goes to the log only.
            log.exception("unhandled error request_id=%s", request_id)
            if not started_response:
                await JSONResponse(
                    {"error": "INTERNAL_ERROR", "detail": "Unexpected server error"},
                    status_code=500,
                )(scope, receive, send_with_id)
        finally:
            log.info(
                "%s %s %s %.1fms org=%s request_id=%s",
                scope["method"],
                scope["path"],
                status,
                (time.perf_counter() - started) * 1000,
                state.get("org_id", "-"),
                request_id,
            )
