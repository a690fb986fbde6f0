"""Which methods a path allows: the Allow header of 405s and the answer to OPTIONS.

Starlette's router answers 405 with the methods of the first route whose path matched, and
FastAPI registers one route per method, so ``/api/v1/resumes`` claimed ``Allow: GET`` only.
Here every route is asked whether the path is its own, and their methods are joined.
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute, compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

# OPTIONS is answered by the middleware below on every known path.
_IMPLICIT = {"OPTIONS"}
_ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


def allowed_methods(routes: Sequence[BaseRoute], scope: Scope) -> list[str]:
    """The methods some route serves on this scope's path; empty when no route has the path."""
    methods: set[str] = set()
    # iter_route_contexts flattens included routers into routes with their full paths.
    for route in iter_route_contexts(routes):
        if route.path and route.methods:
            pattern, _, _ = compile_path(route.path)
            if pattern.match(scope["path"]):
                methods |= route.methods
    if not methods:
        return []
    methods |= _IMPLICIT
    return sorted(methods, key=lambda m: _ORDER.index(m) if m in _ORDER else len(_ORDER))


def allow_header(methods: list[str]) -> str:
    return ", ".join(methods)


class OptionsMiddleware:
    """Answers ``OPTIONS`` on any known path with 204 and the path's real ``Allow``.

    No key is needed: the answer says no more than the published OpenAPI schema does.
    Unknown paths fall through to the router (404 envelope).
    """

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]):
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            methods = allowed_methods(self.routes, scope)
            if methods:
                await send(
                    {
                        "type": "http.response.start",
                        "status": 204,
                        "headers": [(b"allow", allow_header(methods).encode())],
                    }
                )
                await send({"type": "http.response.body", "body": b""})
                return
        await self.app(scope, receive, send)
