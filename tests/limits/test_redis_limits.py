"""Rate limits shared through Redis: two real server processes, and Redis going away."""

from __future__ import annotations

import contextlib
import logging

import httpx
import redis
from bench.common import uvicorn_server
from tests.limits.support import REDIS_URL, RESUMES, burst, running_app

from refleum.config import Settings
from refleum.limits.rate_limiter import RequestLimiter
from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan

CLOSED_PORT_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1: refused at once


async def _org_key(settings, plan: Plan) -> dict[str, str]:
    async with running_app(settings) as http:
        async with http.app.state.db.sessions() as session:
            org = await orgs.create_org(session, "Shared", plan)
            created = await orgs.create_key(session, org.id)
            await session.commit()
    return {"Authorization": f"Bearer {created.secret}"}


async def test_two_processes_sharing_redis_let_exactly_twenty_through(
    settings, db_url, key_prefix, tmp_path
):
    headers = await _org_key(settings, Plan.STARTER)
    env = {
        "REFLEUM_DATABASE_URL": db_url,
        "REFLEUM_REDIS_URL": REDIS_URL,
        "REFLEUM_REDIS_KEY_PREFIX": key_prefix,
        "REFLEUM_DATA_DIR": str(tmp_path),
        "REFLEUM_LOG_LEVEL": "WARNING",
    }
    with contextlib.ExitStack() as servers:
        bases = [
            servers.enter_context(uvicorn_server("refleum.app:create_app", env)) for _ in range(2)
        ]
        clients = [httpx.AsyncClient(base_url=b, timeout=30) for b in bases]
        try:
            for c in clients:  # both processes up and answering
                assert (await c.get("/api/v1/health")).json()["data"]["redis"] == "ok"
            outcome = await burst(clients, RESUMES, headers, 50)
            after = await clients[0].get(RESUMES, headers=headers)
        finally:
            for c in clients:
                await c.aclose()
    assert outcome == {200: 20, 429: 30}
    assert after.status_code == 429 and after.headers["X-RateLimit-Remaining"] == "0"


async def test_redis_up_health_reports_ok_and_requests_are_counted(settings, key_prefix):
    configured = settings.model_copy(
        update={"redis_url": REDIS_URL, "redis_key_prefix": key_prefix}
    )
    async with running_app(configured) as http:
        health = (await http.get("/api/v1/health")).json()["data"]
        async with http.app.state.db.sessions() as session:
            org = await orgs.create_org(session, "R", Plan.STARTER)
            created = await orgs.create_key(session, org.id)
            await session.commit()
        auth = {"x-api-key": created.secret}
        remaining = [
            (await http.get(RESUMES, headers=auth)).headers["X-RateLimit-Remaining"]
            for _ in range(3)
        ]
    assert health == {"status": "ok", "db": "ok", "redis": "ok"}
    assert remaining == ["19", "18", "17"]
    assert any(
        k.startswith(key_prefix.encode())
        for k in redis.Redis.from_url(REDIS_URL).scan_iter(f"{key_prefix}*")
    )


async def test_health_has_no_redis_entry_without_redis(client):
    assert "redis" not in (await client.get("/api/v1/health")).json()["data"]


async def test_redis_down_fails_open_logged_once(settings, caplog):
    down = settings.model_copy(update={"redis_url": CLOSED_PORT_URL})
    async with running_app(down) as http:
        async with http.app.state.db.sessions() as session:
            org = await orgs.create_org(session, "D", Plan.FREE)  # 1 a minute, were it counted
            created = await orgs.create_key(session, org.id)
            await session.commit()
        auth = {"x-api-key": created.secret}
        with caplog.at_level(logging.WARNING, logger="refleum.limits"):
            statuses = [(await http.get(RESUMES, headers=auth)).status_code for _ in range(5)]
        health = await http.get("/api/v1/health")
        last = await http.get(RESUMES, headers=auth)
    assert statuses == [200] * 5
    assert health.status_code == 200 and health.json()["data"]["redis"] == "down"
    assert last.headers["X-RateLimit-Limit"] == "1"
    outage_lines = [r for r in caplog.records if "unreachable" in r.getMessage()]
    assert len(outage_lines) == 1


async def test_redis_down_fails_closed_when_configured(settings):
    closed = settings.model_copy(
        update={"redis_url": CLOSED_PORT_URL, "rate_limit_fail_closed": True}
    )
    async with running_app(closed) as http:
        async with http.app.state.db.sessions() as session:
            org = await orgs.create_org(session, "C", Plan.PRO)
            created = await orgs.create_key(session, org.id)
            await session.commit()
        response = await http.get(RESUMES, headers={"x-api-key": created.secret})
    assert response.status_code == 503
    assert response.json() == {
        "error": "INTERNAL_ERROR",
        "detail": "Rate limiter unavailable; try again shortly",
    }


async def test_outage_is_logged_once_and_recovery_once(key_prefix, caplog, monkeypatch):
    limiter = RequestLimiter.from_settings(
        Settings(redis_url=REDIS_URL, redis_key_prefix=key_prefix)
    )
    real_hit = limiter.window.hit
    down = True

    async def flaky_hit(*args, **kwargs):
        if down:
            raise redis.exceptions.ConnectionError("Connection refused")
        return await real_hit(*args, **kwargs)

    monkeypatch.setattr(limiter.window, "hit", flaky_hit)
    with caplog.at_level(logging.WARNING, logger="refleum.limits"):
        during = [await limiter.hit("org", "org_x", 5) for _ in range(3)]
        down = False
        after = [await limiter.hit("org", "org_x", 5) for _ in range(2)]
    await limiter.close()
    assert all(s.allowed and s.remaining == 5 for s in during)
    assert [s.remaining for s in after] == [4, 3]
    messages = [r.getMessage() for r in caplog.records]
    assert sum("unreachable" in m for m in messages) == 1
    assert sum("reachable again" in m for m in messages) == 1
