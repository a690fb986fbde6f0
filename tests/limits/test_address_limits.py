"""Every request is counted per client address before authentication (memory and Redis).

Requests refused before authentication used to count against nothing and carry no
figures: 20 back-to-back 10 MB uploads without a key were all answered.
"""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter
from tests.limits.support import REDIS_URL, RESUMES, away_from_window_edge, running_app

from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan

LIMIT = 6


@pytest.fixture(params=["memory", "redis"])
def limited(request, settings, key_prefix):
    """Settings with a small per-address window, counted in memory or in Redis."""
    update: dict = {"address_rpm": LIMIT}
    if request.param == "redis":
        update |= {"redis_url": REDIS_URL, "redis_key_prefix": key_prefix}
    return settings.model_copy(update=update)


def _pre_auth_failures() -> list[tuple[str, str, dict]]:
    tailor = f"{RESUMES}/res_01jzzzzzzzzzzzzzzzzzzzzzzz/tailor"
    json = {"content-type": "application/json"}
    return [
        ("GET", RESUMES, {}),  # 401 MISSING_KEY
        ("GET", "/api/v1/nowhere", {}),  # 404 unknown route
        ("DELETE", "/api/v1/health", {}),  # 405
        ("POST", tailor, {"content": b"{not json", "headers": json}),  # 400 malformed
        ("POST", tailor, {"content": b"[" + b" " * 2**21 + b"]", "headers": json}),  # too large
    ]


async def test_pre_auth_errors_carry_the_address_window(limited):
    away_from_window_edge()
    async with running_app(limited) as http:
        responses = [
            await http.request(method, url, **kwargs)
            for method, url, kwargs in _pre_auth_failures()
        ]
    assert [r.status_code for r in responses] == [401, 404, 405, 400, 400]
    assert "exceeds" in responses[-1].json()["detail"]
    for response in responses:
        assert set(response.json()) == {"error", "detail"}
        assert response.headers["X-RateLimit-Limit"] == str(LIMIT)
    remaining = [int(r.headers["X-RateLimit-Remaining"]) for r in responses]
    assert remaining == [LIMIT - 1, LIMIT - 2, LIMIT - 3, LIMIT - 4, LIMIT - 5]


async def test_past_the_limit_429_without_reading_the_body(limited):
    body_read = False

    async def upload_body():
        nonlocal body_read
        body_read = True
        yield b"x" * 1024

    away_from_window_edge()
    async with running_app(limited) as http:
        for _ in range(LIMIT):
            assert (await http.get(RESUMES)).status_code == 401
        refused = await http.post(RESUMES, content=upload_body())
    assert refused.status_code == 429
    assert refused.json()["error"] == "RATE_LIMITED"
    assert "this address" in refused.json()["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 61  # a minute, rounded up
    assert refused.headers["X-RateLimit-Limit"] == str(LIMIT)
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    assert body_read is False


async def test_authenticated_requests_count_too_and_keep_the_org_figures(limited):
    away_from_window_edge()
    async with running_app(limited) as http:
        async with http.app.state.db.sessions() as session:
            org = await orgs.create_org(session, "Busy", Plan.PRO)
            created = await orgs.create_key(session, org.id)
            await session.commit()
        auth = {"Authorization": f"Bearer {created.secret}"}
        answered = [await http.get(RESUMES, headers=auth) for _ in range(LIMIT)]
        refused = await http.get(RESUMES, headers=auth)
    assert {r.status_code for r in answered} == {200}
    assert {r.headers["X-RateLimit-Limit"] for r in answered} == {"60"}  # the plan's
    assert refused.status_code == 429 and "this address" in refused.json()["detail"]


async def test_addresses_are_counted_apart(limited):
    away_from_window_edge()
    async with running_app(limited) as first:
        for _ in range(LIMIT + 1):
            last = await first.get(RESUMES)
        other = httpx.ASGITransport(app=first.app, client=("203.0.113.9", 4000))
        async with httpx.AsyncClient(transport=other, base_url="http://testserver") as second:
            elsewhere = await second.get(RESUMES)
    assert last.status_code == 429
    assert elsewhere.status_code == 401
    assert elsewhere.headers["X-RateLimit-Remaining"] == str(LIMIT - 1)


async def test_every_operation_documents_the_429(app):
    spec = app.openapi()
    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        if "429" not in operation.get("responses", {})
    ]
    assert undocumented == []


async def test_the_address_429_and_a_500_carry_the_request_id_and_the_figures(limited):
    """One layer (middleware.py) adds the request id and the rate-limit headers to every
    answer, the address window's 429 outside the app and the unhandled-error envelope."""
    boom = APIRouter()

    @boom.get("/api/v1/boom")
    async def fail():
        raise RuntimeError("boom")

    away_from_window_edge()
    async with running_app(limited, boom) as http:
        failed = await http.get("/api/v1/boom", headers={"X-Request-ID": "req-500"})
        for _ in range(LIMIT - 1):
            await http.get(RESUMES)
        refused = await http.get(RESUMES, headers={"X-Request-ID": "req-429"})
    assert failed.status_code == 500
    assert failed.headers["X-Request-ID"] == "req-500"
    assert failed.headers["X-RateLimit-Limit"] == str(LIMIT)
    assert failed.headers["X-RateLimit-Remaining"] == str(LIMIT - 1)
    assert refused.status_code == 429
    assert refused.headers["X-Request-ID"] == "req-429"
    assert refused.headers["X-RateLimit-Limit"] == str(LIMIT)
    assert refused.headers["X-RateLimit-Remaining"] == "0"
    assert refused.headers["Retry-After"]
