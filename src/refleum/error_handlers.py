"""Every error leaves the service as ``{"error": CODE, "detail": "..."}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from refleum.errors import ApiError
from refleum.methods import allow_header, allowed_methods
from refleum.middleware import BodyTooLarge

log = logging.getLogger("refleum.errors")

_HTTP_CODES = {
    400: "VALIDATION_ERROR",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    413: "VALIDATION_ERROR",
    415: "VALIDATION_ERROR",
    422: "VALIDATION_ERROR",
    429: "RATE_LIMITED",
}


def envelope(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)


def describe_validation_error(errors: list[dict[str, Any]]) -> str:
    """One readable line per problem, each naming the field (``body.strategy: …``)."""
    parts = []
    for error in errors[:5]:
        if error.get("type") == "json_invalid":
            parts.append(
                f"Malformed JSON body: {error.get('ctx', {}).get('error', 'invalid JSON')}"
            )
            continue
        location = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{location}: {error.get('msg', 'invalid value')}")
    return "; ".join(parts) or "Request validation failed"


async def _api_error(_request: Request, exc: ApiError) -> JSONResponse:
    return envelope(exc.status, exc.code, exc.detail, exc.headers)


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return envelope(400, "VALIDATION_ERROR", describe_validation_error(list(exc.errors())))


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if isinstance(exc.__cause__, BodyTooLarge):
        return envelope(400, "VALIDATION_ERROR", str(exc.__cause__))
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 404:
        detail = "Route not found" if exc.detail == "Not Found" else str(exc.detail)
    elif exc.status_code == 405:
        # The router names only the first matching route's methods; list them all.
        methods = allowed_methods(request.app.router.routes, request.scope)
        headers["Allow"] = allow_header(methods) or headers.get("Allow", "")
        detail = f"Method not allowed on this route; allowed: {headers['Allow']}"
    else:
        detail = str(exc.detail)
    code = _HTTP_CODES.get(exc.status_code, "INTERNAL_ERROR")
    return envelope(exc.status_code, code, detail, headers or None)


async def _body_too_large(_request: Request, exc: BodyTooLarge) -> JSONResponse:
    return envelope(400, "VALIDATION_ERROR", str(exc))


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(BodyTooLarge, _body_too_large)
