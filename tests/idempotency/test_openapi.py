"""The schema documents Idempotency-Key and its 409 on every keyed POST, and only there."""

from __future__ import annotations

import re

from refleum.idempotency.openapi import is_keyed


def test_every_keyed_post_takes_the_header_and_may_answer_409(app):
    schema = app.openapi()
    posts = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            names = [p["name"] for p in operation.get("parameters", [])]
            documented = "Idempotency-Key" in names
            if method == "post" and path.startswith("/api/v1/") and is_keyed(operation):
                posts += 1
                assert documented and "409" in operation["responses"], path
                error = operation["responses"]["409"]["content"]["application/json"]["schema"]
                name = error["$ref"].rsplit("/", 1)[1]
                codes = schema["components"]["schemas"][name]["properties"]["error"]["enum"]
                assert "IDEMPOTENCY_CONFLICT" in codes
                param = operation["parameters"][names.index("Idempotency-Key")]
                pattern = param["schema"]["pattern"]
                assert re.match(pattern, param["example"]) and not re.match(pattern, "   ")
            else:
                assert not documented and "409" not in operation["responses"], f"{method} {path}"
    assert posts >= 6  # upload, retry, tailor, and generate/regenerate of both letter kinds
