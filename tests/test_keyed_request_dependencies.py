"""What FastAPI solves for a keyed GET: each dependency is solved on every request (a cached
one too, with its own dependencies), so the hot path declares only what it uses."""

from __future__ import annotations

from fastapi.routing import iter_route_contexts

from refleum.app import create_app
from refleum.idempotency.deps import claim_key
from refleum.limits.enforce import limit_org
from refleum.orgs.deps import current_org


def _tree(dependant) -> list:
    return [(sub.call, _tree(sub)) for sub in dependant.dependencies]


def test_a_keyed_get_solves_authentication_limit_and_claim_only(settings):
    app = create_app(settings, run_jobs=False)
    app.openapi()
    (route,) = [
        r
        for r in iter_route_contexts(app.routes)
        if r.path == "/api/v1/resumes/{id}" and "GET" in r.methods
    ]
    tree = _tree(route.dependant)
    # The router's dependencies, then the endpoint's own (its CurrentOrg and session).
    assert tree[:3] == [
        (limit_org, [(current_org, [])]),
        (claim_key, [(current_org, [])]),
        (current_org, []),
    ]
