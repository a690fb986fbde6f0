"""The router dependency that claims a POST's Idempotency-Key, after authentication."""

from __future__ import annotations

from datetime import timedelta

from fastapi import Depends, Request

from refleum.config import Settings
from refleum.db import Database
from refleum.errors import IdempotencyConflict
from refleum.idempotency import keys, store
from refleum.idempotency.models import IN_PROGRESS
from refleum.idempotency.replay import Replay
from refleum.orgs.deps import CurrentOrg

STATE_KEY = "idempotency_claim"
# A claim outlives the slowest request (the hard timeout) before it counts as abandoned.
LEASE_MARGIN = timedelta(seconds=60)


async def claim_key(request: Request, org: CurrentOrg) -> None:
    """Declared on the keyed routers after the rate limit, so a replay is counted too.

    The claim commits before the endpoint runs; the middleware stores the response (or
    frees the key) once the endpoint is done. The database and settings are the app's,
    read here rather than declared: FastAPI would solve two more dependencies on every
    keyed request, GETs included, for the few POSTs that carry a key.
    """
    if request.method != "POST":
        return
    key = request.headers.get(keys.HEADER)
    if key is None:
        return
    db: Database = request.app.state.db
    settings: Settings = request.app.state.settings
    keys.check_key(key)
    fingerprint = await keys.fingerprint(request)
    lease = timedelta(seconds=settings.tailor_timeout_s) + LEASE_MARGIN
    held = await store.claim(db, org.id, key, fingerprint, lease=lease)
    if isinstance(held, store.Claim):
        setattr(request.state, STATE_KEY, held)
        return
    if held.fingerprint != fingerprint:
        raise IdempotencyConflict(
            f"This {keys.HEADER} was already used with a different request (method, path or "
            "body); send a new key for a new request"
        )
    if held.status == IN_PROGRESS:
        raise IdempotencyConflict(
            f"A request with this {keys.HEADER} is still being processed; retry once it is done"
        )
    raise Replay(held.response_status or 200, held.response_headers or [], held.response_body)


# For ``dependencies=[...]`` on a router.
IdempotencyKey = Depends(claim_key)
