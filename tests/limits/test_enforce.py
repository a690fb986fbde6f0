"""Which routes are counted: rate limiting is a dependency the routers declare, not a
side effect of authentication, so a keyed route that forgot it would go uncounted."""

from __future__ import annotations

from fastapi.routing import iter_route_contexts

from refleum.app import create_app
from refleum.limits.enforce import limit_by_address, limit_org
from refleum.orgs.deps import current_org


def _calls(dependant) -> list:
    """Every dependency a route solves, in the order FastAPI solves them (depth first)."""
    calls = []
    for sub in dependant.dependencies:
        calls += _calls(sub)
        calls.append(sub.call)
    return calls


def _routes(settings) -> dict[str, list]:
    app = create_app(settings, run_jobs=False)
    # iter_route_contexts: included routers' routes with the dependencies of the include.
    return {
        f"{sorted(route.methods)[0]} {route.path}": _calls(route.dependant)
        for route in iter_route_contexts(app.routes)
        if (route.path or "").startswith("/api/v1")
    }


def test_every_keyed_route_counts_against_its_org_after_authentication(settings):
    keyed = {name: calls for name, calls in _routes(settings).items() if current_org in calls}
    assert len(keyed) >= 15
    for name, calls in keyed.items():
        assert limit_org in calls, name
        # Authentication is solved first: a bad key is 401 before any 429.
        assert calls.index(current_org) < calls.index(limit_org), name


def test_public_routes_count_per_address(settings):
    public = {
        name: calls
        for name, calls in _routes(settings).items()
        if current_org not in calls and "/admin/" not in name
    }
    assert set(public) == {"GET /api/v1/health", "GET /api/v1/resumes/{id}/pdf"}
    for name, calls in public.items():
        assert limit_by_address in calls and limit_org not in calls, name


def test_admin_routes_are_not_counted_against_any_org(settings):
    admin = {name: calls for name, calls in _routes(settings).items() if "/admin/" in name}
    assert admin  # the test settings carry an admin token
    for name, calls in admin.items():
        assert limit_org not in calls and limit_by_address not in calls, name
