"""GET /api/v1/resumes/{id}, the read clients poll, answered before FastAPI's router.

The profile of this read (docs/performance.md, "Hot path") found that once the database
and the authentication were cheap, most of a request's time went to FastAPI itself: its
generic dependency solver re-solves each declared dependency and its sub-tree on every
request, and its included-router matching walks the route table twice. Neither does
anything this route needs. This lane owns exactly the requests the route owns (GET on the
route's path) and runs on them what the route runs, in the route's order and through the
same functions:

1. authentication (``orgs.deps.authenticate``), the key's last use written after the answer;
2. the organization's rate limit (``limits.enforce.limit_org``), which also sets the
   headers the request-context layer adds;
3. the Idempotency-Key claim: nothing, on a GET;
4. the read (``RenderedResumes.body``).

An error is rendered by the app's own handler for it (an unexpected one goes on to the
request-context layer's 500 envelope, as from the route), so every answer is the route's,
byte for byte (tests/resumes/test_read_lane.py sends the same requests through both). The
route stays: it is the OpenAPI operation, and it answers whenever the lane stands aside
(dependency overrides set, as tests do). If the route's dependencies ever change, the
app refuses to start until this lane is changed with them (``_check_route``).
"""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.routing import APIRoute, iter_route_contexts
from starlette._utils import get_route_path
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from refleum.idempotency.deps import claim_key
from refleum.limits.enforce import limit_org
from refleum.orgs.deps import authenticate, current_org

PATH = "/api/v1/resumes/{id}"
# What the route declares, in the order FastAPI solves it: the keyed router's rate limit
# and Idempotency-Key claim (each after authentication), then the endpoint's own key.
_ROUTE_DEPENDENCIES = [
    (limit_org, [current_org]),
    (claim_key, [current_org]),
    (current_org, []),
]


class ResumeReadLane:
    def __init__(self, app: ASGIApp, *, routes: Sequence[BaseRoute]):
        self.app = app
        self._path = compile_path(PATH)[0]
        # Built when the app first runs, by then every router is included.
        _check_route(routes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        match = self._path.match(get_route_path(scope))
        # With overrides set (tests), the dependencies are no longer the ones run here.
        if match is None or scope["app"].dependency_overrides:
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive, send)
        state = request.app.state
        try:
            org, last_use_due = await authenticate(request)
            await limit_org(request, org)
            body = await state.rendered_resumes.body(state.db.reads, org.id, match["id"])
        except Exception as exc:
            # Handled as the exception layer inside the router would: by the app's handler
            # for it, or (none: an unexpected error) raised on to the 500 envelope.
            response = await _handler_for(request, exc)(request, exc)
        else:
            response = Response(body, media_type="application/json")
            if last_use_due:  # after the answer, as the route's background task does
                response.background = BackgroundTask(state.authenticator.last_used.flush)
        await response(scope, receive, send)


def _handler_for(request: Request, exc: Exception):
    """The app's exception handler for ``exc``, found as Starlette finds it (by its MRO)."""
    handlers = request.app.exception_handlers
    for cls in type(exc).__mro__:
        if cls in handlers:
            return handlers[cls]
    raise exc


def _check_route(routes: Sequence[BaseRoute]) -> None:
    found = [
        r
        for r in iter_route_contexts(routes)
        if isinstance(r.original_route, APIRoute) and r.path == PATH and "GET" in r.methods
    ]
    if len(found) != 1:
        raise RuntimeError(f"ResumeReadLane: expected one GET {PATH} route, found {len(found)}")
    declared = [
        (sub.call, [s.call for s in sub.dependencies]) for sub in found[0].dependant.dependencies
    ]
    if declared != _ROUTE_DEPENDENCIES:
        raise RuntimeError(
            f"ResumeReadLane: GET {PATH} now declares {declared}; the lane runs "
            f"{_ROUTE_DEPENDENCIES}. Change the lane with the route (resumes/read_lane.py)."
        )
