"""The published OpenAPI document, finished so client generators make a usable client.

FastAPI builds the paths and models; this adds what it cannot know and corrects where its
defaults differ from the API (DECISIONS.md): the errors each operation really answers
(400, never 422, with ``error`` an enum of that operation's codes, from openapi_errors.py),
every operation's summary, description and examples (each domain's ``docs.py``), the
upload's file as binary, and component names a generator turns into readable classes.
"""

from __future__ import annotations

import re
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI

from refleum import health
from refleum.async_jobs import docs as async_jobs_docs
from refleum.envelopes import OperationDoc
from refleum.idempotency import openapi as idempotency_openapi
from refleum.letters import docs as letters_docs
from refleum.limits import docs as limits_docs
from refleum.llm import docs as llm_docs
from refleum.openapi_errors import causes_of
from refleum.orgs import docs as orgs_docs
from refleum.orgs import openapi as orgs_openapi
from refleum.resumes import docs as resumes_docs
from refleum.tailoring import docs as tailoring_docs
from refleum.webhooks import docs as webhooks_docs

OPERATION_DOCS: dict[str, OperationDoc] = {
    **health.OPERATIONS,
    **resumes_docs.OPERATIONS,
    **tailoring_docs.OPERATIONS,
    **letters_docs.OPERATIONS,
    **limits_docs.OPERATIONS,
    **llm_docs.OPERATIONS,
    **orgs_docs.OPERATIONS,
    **webhooks_docs.OPERATIONS,
    **async_jobs_docs.OPERATIONS,
}

API_DESCRIPTION = """\
Tailor resumes to job descriptions, grounded strictly in the original resume: upload a
PDF or DOCX (`uploadResume`), wait until it is `READY` (`getResume`), tailor it to a job
(`tailorResume`) and download the result (`getResumePdf`), with cover letters and
outreach messages on the side.

Authenticate with your organization's key: `Authorization: Bearer sk_live_…` or
`x-api-key: sk_live_…`. Answers are `{"data": …}` (lists add `meta`); errors are
`{"error": CODE, "detail": …}`, and each operation lists the codes it can return.
Requests are rate limited per organization (`X-RateLimit-*` headers; `Retry-After` on a
429). Guide: docs/api.md.
"""
TAGS = {
    "resumes": "Upload, parse, read, edit and delete resumes; PDF, DOCX and Markdown exports.",
    "tailoring": "Tailor a resume to a job description (Starter plan and above).",
    "letters": "Cover letters and outreach messages written from a resume.",
    "settings": "The organization's model provider and tailoring defaults.",
    "usage": "This month's usage against the plan.",
    "jobs": "Async requests (`Prefer: respond-async`): poll their status and result.",
    "webhooks": "Endpoints that receive signed events (Standard Webhooks) and their delivery log.",
    "health": "Liveness, no key needed.",
    "admin": "The operator's API: organizations and keys (needs REFLEUM_ADMIN_TOKEN).",
}
_PATH_PARAMETERS = {
    "id": "The resume's id (`res_…`), as uploadResume or tailorResume returned it.",
    "letter_id": "The letter's id (`cl_…` for a cover letter, `out_…` for outreach).",
    "org_id": "The organization's id (`org_…`).",
    "key_id": "The API key's id (`key_…`), not the key itself.",
    "webhook_id": "The webhook endpoint's id (`whk_…`), as createWebhook returned it.",
    "job_id": "The async request's job id (`job_…`), from the 202's `Location`.",
    "delivery_id": "The delivery's id (`whd_…`), from listWebhookDeliveries.",
}
_ADMIN_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "Authorization: Bearer <REFLEUM_ADMIN_TOKEN> (the operator's token)",
}
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "string", "pattern": "^[0-9]+$"},
    }
}

# FastAPI's 422 models: this API answers invalid input with 400 and the operation's error.
_UNUSED_COMPONENTS = ("HTTPValidationError", "ValidationError")
# FastAPI names generic and form models after their parameters; these read as classes.
_RENAMES = {
    "Body_uploadResume": "UploadResumeForm",
    "Envelope_dict_str__str__": "HealthEnvelope",
}
_GENERIC = re.compile(r"^(List)?Envelope_(list_)?([A-Za-z]\w*?)_+$")


def error_schema_name(operation_id: str) -> str:
    return f"{operation_id[:1].upper()}{operation_id[1:]}Error"


def _error_schema(operation_id: str, codes: list[str]) -> dict[str, Any]:
    return {
        "title": error_schema_name(operation_id),
        "description": f"An error of {operation_id}: `error` is one of its codes.",
        "type": "object",
        "properties": {
            "error": {"type": "string", "enum": codes, "title": "Error"},
            "detail": {"type": "string", "title": "Detail", "description": "What went wrong"},
        },
        "required": ["error", "detail"],
    }


def _errors(operation: dict[str, Any], components: dict[str, Any]) -> None:
    """Replaces FastAPI's error responses (its 422 included) with the operation's own."""
    operation_id = operation["operationId"]
    responses = operation["responses"]
    for status in [s for s in responses if int(s) >= 400]:
        del responses[status]
    causes = causes_of(operation_id)
    name = error_schema_name(operation_id)
    codes = sorted({code for whens in causes.values() for code in whens})
    components[name] = _error_schema(operation_id, codes)
    ref = {"$ref": f"#/components/schemas/{name}"}
    for status, whens in causes.items():
        listed = "; ".join(f"`{code}`: {when}" for code, when in whens.items())
        responses[str(status)] = {
            "description": f"{HTTPStatus(status).phrase}. {listed}.",
            "content": {"application/json": {"schema": ref}},
        }
        if status == HTTPStatus.TOO_MANY_REQUESTS:
            responses[str(status)]["headers"] = _RETRY_AFTER


def _document(operation: dict[str, Any]) -> None:
    doc = OPERATION_DOCS.get(operation["operationId"])
    if doc is None:  # tests/test_openapi_schema.py requires one for every operation
        return
    operation["summary"], operation["description"] = doc.summary, doc.description
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None and doc.request_example is not None:
        body["example"] = doc.request_example
    success = [r for s, r in operation["responses"].items() if s.startswith("2")]
    answer = success[0].get("content", {}).get("application/json") if success else None
    if answer is not None and doc.response_example is not None:
        answer["example"] = doc.response_example


def _parameters(operation: dict[str, Any]) -> None:
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "path" and parameter["name"] in _PATH_PARAMETERS:
            parameter["description"] = _PATH_PARAMETERS[parameter["name"]]
    if "admin" in operation.get("tags", []):
        operation["security"] = [{"AdminToken": []}]


def _binary_upload(components: dict[str, Any]) -> None:
    # OpenAPI 3.1 says contentMediaType; generators (openapi-python-client) read format.
    if "UploadResumeForm" in components:
        components["UploadResumeForm"]["properties"]["file"]["format"] = "binary"


def _rename_components(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    renames = dict(_RENAMES)
    for name in components:
        match = _GENERIC.match(name)
        if match and name not in renames:
            plural = "Page" if match[1] else "ListEnvelope" if match[2] else "Envelope"
            renames[name] = f"{match[3]}{plural}"
    for old, new in renames.items():
        if old in components:
            components[new] = components.pop(old)
            components[new]["title"] = new
    refs = {
        f"#/components/schemas/{old}": f"#/components/schemas/{new}" for old, new in renames.items()
    }

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("$ref") in refs:
                node["$ref"] = refs[node["$ref"]]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)


def finish(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name in _UNUSED_COMPONENTS:
        components.pop(name, None)
    _rename_components(schema)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            _errors(operation, components)
            _document(operation)
            _parameters(operation)
    idempotency_openapi.document(schema)
    _binary_upload(components)
    schema["info"]["description"] = API_DESCRIPTION
    used = {
        tag
        for path in schema["paths"].values()
        for op in path.values()
        for tag in op.get("tags", [])
    }
    schema["tags"] = [{"name": t, "description": d} for t, d in TAGS.items() if t in used]
    if "admin" in used:
        schema["components"].setdefault("securitySchemes", {})["AdminToken"] = _ADMIN_SCHEME
    schema["components"]["schemas"] = dict(sorted(components.items()))
    return schema


def install(app: FastAPI) -> None:
    """Replaces ``app.openapi`` with a builder that finishes the document once."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = finish(orgs_openapi.documented(build, app.routes))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
