"""Puts X-RateLimit-* on every counted response, errors included.

Set here rather than by each endpoint because the figures must also reach responses made
by error handlers (a 404 or 400 after authentication) and the envelope of an unhandled 500.
The figures are the organization's (or, on public endpoints, the address's public window)
when the request got that far, else those of the per-address window every request passes.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from refleum.limits.address_limit import ADDRESS_STATE_KEY
from refleum.limits.enforce import STATE_KEY


class RateLimitHeadersMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                status = state.get(STATE_KEY) or state.get(ADDRESS_STATE_KEY)
                if status is not None:
                    headers = MutableHeaders(scope=message)
                    for name, value in status.headers().items():
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_limits)
