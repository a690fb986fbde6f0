"""CORS for browser apps on other origins, from ``REFLEUM_CORS_ORIGINS``; off when empty.

Configuration only, not per organization: a preflight carries no API key, so which
organization it is for cannot be known when it is answered. No credentials: the API is
called with a key header, and the dashboard's session cookie must never ride a
cross-origin request. Installed outermost, so a preflight is answered before the OPTIONS
middleware (methods.py) or a rate limit sees it, and every answer (429s and errors
included) carries the headers a browser needs to read it.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from refleum.config import Settings

ALLOW_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]
ALLOW_HEADERS = [
    "Authorization",
    "X-API-Key",
    "Content-Type",
    "Prefer",
    "Idempotency-Key",
    "X-Request-ID",
]
# Headers a browser script may read from an answer: limits, retries, async jobs, logs.
EXPOSE_HEADERS = [
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "Retry-After",
    "X-Request-ID",
    "Location",
]
PREFLIGHT_MAX_AGE_S = 600


def install(app: FastAPI, settings: Settings) -> None:
    origins = settings.cors_origin_list
    if not origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=origins,
        allow_methods=ALLOW_METHODS,
        allow_headers=ALLOW_HEADERS,
        expose_headers=EXPOSE_HEADERS,
        allow_credentials=False,
        max_age=PREFLIGHT_MAX_AGE_S,
    )
