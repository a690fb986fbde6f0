"""X-RateLimit-Remaining is one distinct figure per request, even under concurrency.

Counting a hit and reading the window were two calls; concurrent requests read each
other's counts and repeated values (audit #11, finding 12 f).
"""

from __future__ import annotations

import asyncio

import pytest
from tests.limits.support import REDIS_URL, RESUMES, away_from_window_edge, running_app

from refleum.config import Settings
from refleum.limits.rate_limiter import RequestLimiter
from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan

CONCURRENT = 20


@pytest.mark.parametrize("storage", ["redis", "memory"])
async def test_concurrent_requests_each_see_their_own_remaining(
    settings: Settings, key_prefix, storage
):
    if storage == "redis":
        settings = settings.model_copy(
            update={"redis_url": REDIS_URL, "redis_key_prefix": key_prefix}
        )
    else:
        away_from_window_edge()
    async with running_app(settings) as http:
        async with http.app.state.db.sessions() as session:
            org = await orgs.create_org(session, "Burst", Plan.PRO)
            created = await orgs.create_key(session, org.id)
            await session.commit()
        headers = {"x-api-key": created.secret}
        responses = await asyncio.gather(
            *(http.get(RESUMES, headers=headers) for _ in range(CONCURRENT))
        )
    assert [r.status_code for r in responses] == [200] * CONCURRENT
    remaining = sorted(int(r.headers["X-RateLimit-Remaining"]) for r in responses)
    assert remaining == list(range(60 - CONCURRENT, 60))


@pytest.mark.parametrize("storage", ["redis", "memory"])
async def test_limiter_hits_are_distinct_and_stop_at_the_limit(key_prefix, storage):
    settings = Settings(
        redis_url=REDIS_URL if storage == "redis" else None, redis_key_prefix=key_prefix
    )
    if storage == "memory":
        away_from_window_edge()
    limiter = RequestLimiter.from_settings(settings)
    try:
        statuses = await asyncio.gather(
            *(limiter.hit("org", "org_a", 15) for _ in range(CONCURRENT))
        )
    finally:
        await limiter.close()
    allowed = [s for s in statuses if s.allowed]
    assert sorted(s.remaining for s in allowed) == list(range(15))
    assert [s.remaining for s in statuses if not s.allowed] == [0] * (CONCURRENT - 15)
