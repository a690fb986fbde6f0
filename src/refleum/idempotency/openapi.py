"""The Idempotency-Key header in the published schema, on every keyed POST.

Its 409 `IDEMPOTENCY_CONFLICT` is declared with the operations' other errors, in
openapi_errors.py."""

from __future__ import annotations

from typing import Any

from refleum.idempotency.keys import HEADER, MAX_LENGTH, PATTERN

PARAMETER = {
    "name": HEADER,
    "in": "header",
    "required": False,
    "description": (
        f"1–{MAX_LENGTH} printable ASCII characters, e.g. a UUID. The same key with the same "
        "request within 24 h replays the first response (status, body, headers) with "
        "`Idempotent-Replayed: true` and does nothing again; with a different request, or "
        "while the first is still running, 409 `IDEMPOTENCY_CONFLICT`. Keys are per "
        "organization. 5xx and 429 responses are not kept: the key is freed."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_LENGTH, "pattern": PATTERN},
    "example": "5f0c7a52-8f0e-4b8e-9a51-0c2f8d1e7b3a",
}


def is_keyed(operation: dict[str, Any]) -> bool:
    return any("HTTPBearer" in scheme for scheme in operation.get("security", []))


def document(schema: dict[str, Any]) -> None:
    for path, operations in schema.get("paths", {}).items():
        operation = operations.get("post")
        if not path.startswith("/api/v1/") or operation is None or not is_keyed(operation):
            continue
        operation.setdefault("parameters", []).append(dict(PARAMETER))
