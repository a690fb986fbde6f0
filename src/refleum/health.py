"""GET /api/v1/health: public liveness of the service and its database."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request

from refleum.envelopes import Envelope, error_responses
from refleum.errors import ServiceUnavailable

log = logging.getLogger("refleum.health")
router = APIRouter(prefix="/api/v1", tags=["health"])


@router.get("/health", responses=error_responses(503))
async def health(request: Request) -> Envelope[dict[str, str]]:
    try:
        await request.app.state.db.ping()
    except Exception:
        log.exception("health check: database unreachable")
        raise ServiceUnavailable("Database unreachable") from None
    return Envelope(data={"status": "ok", "db": "ok"})
