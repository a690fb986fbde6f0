"""Where requests are counted: per organization after authentication, per address elsewhere."""

from __future__ import annotations

from fastapi import Depends, Request

from refleum.errors import RateLimited, ServiceUnavailable
from refleum.limits.rate_limiter import LimiterUnavailable, RequestLimiter
from refleum.orgs.deps import CurrentOrg
from refleum.orgs.plans import requests_per_minute

STATE_KEY = "rate_limit"


async def _count(request: Request, scope: str, identity: str, per_minute: int) -> None:
    limiter: RequestLimiter | None = getattr(request.app.state, "request_limiter", None)
    # Counted once per request even if several dependencies ask.
    if limiter is None or getattr(request.state, STATE_KEY, None) is not None:
        return
    try:
        status = await limiter.hit(scope, identity, per_minute)
    except LimiterUnavailable:
        raise ServiceUnavailable("Rate limiter unavailable; try again shortly") from None
    setattr(request.state, STATE_KEY, status)
    if not status.allowed:
        retry_after = status.retry_after
        raise RateLimited(
            f"Rate limit of {per_minute} requests per minute exceeded; retry in {retry_after} s",
            headers={**status.headers(), "Retry-After": str(retry_after)},
        )


async def limit_org(request: Request, org: CurrentOrg) -> None:
    """Dependency declared on the keyed routers: the request counts against its organization.

    It depends on authentication, so a bad key is a 401 before any 429, and it runs
    before the endpoint's other dependencies and its body, as a router dependency does.
    """
    await _count(request, "org", org.id, requests_per_minute(org))


# For ``dependencies=[...]`` on a router, an include_router or a route.
OrgRateLimit = Depends(limit_org)


async def limit_by_address(request: Request) -> None:
    """Dependency for endpoints that take no key: counted per client address."""
    address = request.client.host if request.client else "unknown"
    await _count(request, "addr", address, request.app.state.settings.public_rpm)
