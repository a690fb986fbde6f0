"""The published OpenAPI document, corrected where FastAPI's defaults differ from the API.

FastAPI declares a 422 ``HTTPValidationError`` on every operation that takes input, but
this service answers invalid input with 400 and the error envelope (DECISIONS.md). The
schema must say what the server does, so each 422 becomes a 400 with ``ErrorBody``.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from refleum.envelopes import ErrorBody

_UNUSED_COMPONENTS = ("HTTPValidationError", "ValidationError")


def _validation_errors_are_400(schema: dict[str, Any]) -> None:
    error_body = {
        "description": "Invalid input (VALIDATION_ERROR and other 400 codes)",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    }
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.get("responses", {})
            if responses.pop("422", None) is not None:
                responses.setdefault("400", error_body)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ErrorBody", ErrorBody.model_json_schema())
    for name in _UNUSED_COMPONENTS:
        components.pop(name, None)


def install(app: FastAPI) -> None:
    """Replaces ``app.openapi`` with a builder that applies the corrections once."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            _validation_errors_are_400(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
