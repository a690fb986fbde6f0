"""GET /api/v1/health: public liveness of the service and its database."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Request

from refleum.envelopes import Envelope, OperationDoc
from refleum.errors import ServiceUnavailable
from refleum.limits.enforce import limit_by_address

log = logging.getLogger("refleum.health")
router = APIRouter(prefix="/api/v1", tags=["health"])

OPERATIONS = {
    "getHealth": OperationDoc(
        "Check the service is up",
        "No key needed. 200 when the service and its database answer; 503 "
        "`INTERNAL_ERROR` when the database does not. With Redis-backed rate limits, "
        "`redis` says whether Redis answers (requests are still served while it is down). "
        "For uptime monitors and deployment smoke tests; counted per client address.",
        response_example={"data": {"status": "ok", "db": "ok"}},
    )
}


@router.get("/health", operation_id="getHealth", dependencies=[Depends(limit_by_address)])
async def health(request: Request) -> Envelope[dict[str, str]]:
    try:
        await request.app.state.db.ping()
    except Exception:
        log.exception("health check: database unreachable")
        raise ServiceUnavailable("Database unreachable") from None
    data = {"status": "ok", "db": "ok"}
    limiter = getattr(request.app.state, "request_limiter", None)
    if limiter is not None and limiter.uses_redis:
        # Reported, not fatal: requests are still served while Redis is down (fail open).
        data["redis"] = "ok" if await limiter.is_healthy() else "down"
    return Envelope(data=data)
