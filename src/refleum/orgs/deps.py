"""Authentication: the organization of a request comes from its API key, and only from it."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import BackgroundTasks, Depends, Request
from fastapi.security import APIKeyHeader, HTTPBearer

from refleum.errors import MissingKey, Unauthorized
from refleum.orgs.authenticator import Authenticator
from refleum.orgs.models import Organization

# The auth scheme is case-insensitive (RFC 7235 §2.1): "bearer" and "BEARER" are valid too.
_BEARER = re.compile(r"^Bearer +(\S+)$", re.IGNORECASE)

# For the OpenAPI schema only, written into it by orgs/openapi.py: as dependencies of
# current_org FastAPI would solve both on every request, for values nobody reads.
BEARER_SCHEME = HTTPBearer(auto_error=False, description="Authorization: Bearer sk_live_…")
HEADER_SCHEME = APIKeyHeader(name="x-api-key", auto_error=False)


def _key_from_headers(request: Request) -> str:
    authorization = request.headers.get("authorization")
    api_key = request.headers.get("x-api-key")
    if authorization is not None:
        match = _BEARER.match(authorization.strip())
        if match is None:
            raise Unauthorized("Malformed Authorization header: expected 'Bearer <key>'")
        return match.group(1)
    if api_key is not None:
        if not api_key.strip() or any(c.isspace() for c in api_key.strip()):
            raise Unauthorized("Malformed x-api-key header")
        return api_key.strip()
    raise MissingKey("API key missing: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'")


async def org_for_request(request: Request) -> Organization:
    """The organization of the request's key (401 otherwise), for code that authenticates
    outside dependency injection; its use is written by the recorder's periodic flush."""
    org, _ = await authenticate(request)
    return org


async def authenticate(request: Request) -> tuple[Organization, bool]:
    """(organization, whether a last_used_at write is due), recorded on the request's state."""
    secret = _key_from_headers(request)
    authenticator: Authenticator = request.app.state.authenticator
    holder = await authenticator.holder(secret)
    due = authenticator.last_used.note(holder.key_id, holder.last_used_at)
    org = holder.organization()
    request.state.org_id = org.id
    request.state.org = org
    return org, due


async def current_org(request: Request, background: BackgroundTasks) -> Organization:
    org, due = await authenticate(request)
    # Written after the response is sent, at most once a minute per key: no request
    # waits for it or holds SQLite's write lock because of it.
    if due:
        background.add_task(request.app.state.authenticator.last_used.flush)
    return org


CurrentOrg = Annotated[Organization, Depends(current_org)]
