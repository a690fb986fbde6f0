"""Every request counted per client address before anything else looks at it.

Requests refused before authentication (no key, unknown route, 405, malformed JSON, an
oversized body) count against no organization, so without this a client could send
them without end. This window is separate from, and far more generous than, the plan
limits; it is what stops an unauthenticated flood. Past it the request is answered 429
at once: its body is never read, its key never looked up.
"""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from refleum.limits.rate_limiter import LimiterUnavailable, RateLimitStatus, RequestLimiter

ADDRESS_STATE_KEY = "address_rate_limit"


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    return client[0] if client else "unknown"


class AddressLimitMiddleware:
    def __init__(self, app: ASGIApp, *, per_minute: int):
        self.app = app
        self.per_minute = per_minute

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limiter: RequestLimiter | None = getattr(scope["app"].state, "request_limiter", None)
        if limiter is None:  # limits switched off
            await self.app(scope, receive, send)
            return
        try:
            status = await limiter.hit("client", client_address(scope), self.per_minute)
        except LimiterUnavailable:
            await _envelope(503, "INTERNAL_ERROR", "Rate limiter unavailable; try again shortly")(
                scope, receive, send
            )
            return
        scope.setdefault("state", {})[ADDRESS_STATE_KEY] = status
        if not status.allowed:
            await _refusal(status, self.per_minute)(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _refusal(status: RateLimitStatus, per_minute: int) -> JSONResponse:
    retry_after = status.retry_after
    detail = (
        f"Too many requests from this address: limit of {per_minute} per minute exceeded; "
        f"retry in {retry_after} s"
    )
    return _envelope(
        429, "RATE_LIMITED", detail, {**status.headers(), "Retry-After": str(retry_after)}
    )


def _envelope(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    # Written here: the app's error handlers sit inside the router, which is never reached.
    # "Connection: close" lets the server drop a body it refused instead of reading it.
    return JSONResponse(
        {"error": code, "detail": detail},
        status_code=status,
        headers={**(headers or {}), "Connection": "close"},
    )
