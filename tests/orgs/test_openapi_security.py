"""The key schemes are in the schema, yet no request solves them (orgs/openapi.py)."""

from __future__ import annotations

from fastapi.routing import iter_route_contexts
from fastapi.security.base import SecurityBase

from refleum.app import create_app
from refleum.orgs.deps import current_org


def _authentications(dependant, found: list) -> list:
    for sub in dependant.dependencies:
        if sub.call is current_org:
            found.append(sub)
        _authentications(sub, found)
    return found


def _current_orgs(app) -> list:
    found: list = []
    for route in iter_route_contexts(app.routes):
        if getattr(route, "dependant", None) is not None:
            _authentications(route.dependant, found)
    return found


def test_current_org_solves_no_dependency_per_request(settings):
    app = create_app(settings, run_jobs=False)
    app.openapi()  # the schemes are declared only while the schema is built
    nodes = _current_orgs(app)
    assert len(nodes) >= 15
    for node in nodes:
        assert node.dependencies == []


def test_every_keyed_operation_still_documents_both_schemes(settings):
    app = create_app(settings, run_jobs=False)
    schema = app.openapi()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["HTTPBearer"] == {
        "type": "http",
        "description": "Authorization: Bearer sk_live_…",
        "scheme": "bearer",
    }
    assert schemes["APIKeyHeader"] == {"type": "apiKey", "in": "header", "name": "x-api-key"}
    keyed = [
        op
        for path, ops in schema["paths"].items()
        for op in ops.values()
        if path.startswith("/api/v1/")
        and "admin" not in op.get("tags", [])
        and op["operationId"] not in {"getHealth", "getResumePdf"}
    ]
    assert len(keyed) >= 15
    for op in keyed:
        assert op["security"][-2:] == [{"HTTPBearer": []}, {"APIKeyHeader": []}], op["operationId"]
        # FastAPI's own placement: right after the metadata, before parameters and body.
        keys = list(op)
        if "parameters" in keys and keys.index("parameters") < keys.index("responses"):
            assert keys.index("security") < keys.index("parameters"), op["operationId"]
    # Built twice (a second app), the document is the same: the declaration was undone.
    assert create_app(settings, run_jobs=False).openapi() == schema
    solved = [d.call for node in _current_orgs(app) for d in node.dependencies]
    assert not any(isinstance(call, SecurityBase) for call in solved)
