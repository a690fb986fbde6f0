"""Requests per minute per organization, in-process memory storage, real concurrency."""

from __future__ import annotations

import time

import pytest
from fastapi import APIRouter
from tests.limits.support import RESUMES, away_from_window_edge, burst, running_app

from refleum.limits.enforce import OrgRateLimit
from refleum.orgs import service as orgs
from refleum.orgs.deps import CurrentOrg
from refleum.orgs.plans import Plan


async def test_fifty_concurrent_requests_let_exactly_twenty_through(client, make_org):
    org = await make_org(plan=Plan.STARTER)  # 20 requests per minute
    away_from_window_edge()
    outcome = await burst([client], RESUMES, org.headers, 50)
    assert outcome == {200: 20, 429: 30}


async def test_headers_count_down_one_per_request(client, make_org):
    org = await make_org(plan=Plan.STARTER)
    away_from_window_edge()
    remaining = []
    for _ in range(5):
        response = await client.get(RESUMES, headers=org.headers)
        assert response.headers["X-RateLimit-Limit"] == "20"
        reset = int(response.headers["X-RateLimit-Reset"])
        assert time.time() < reset <= time.time() + 61
        remaining.append(int(response.headers["X-RateLimit-Remaining"]))
    assert remaining == [19, 18, 17, 16, 15]
    assert "Retry-After" not in response.headers


async def test_429_carries_retry_after_and_the_headers(client, make_org):
    org = await make_org(plan=Plan.FREE)  # 1 request per minute
    away_from_window_edge()
    assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
    limited = await client.get(RESUMES, headers=org.headers)
    assert limited.status_code == 429
    assert limited.json()["error"] == "RATE_LIMITED"
    assert "per minute" in limited.json()["detail"]
    assert limited.headers["X-RateLimit-Limit"] == "1"
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    retry_after = int(limited.headers["Retry-After"])
    assert 1 <= retry_after <= 60
    assert int(limited.headers["X-RateLimit-Reset"]) > time.time()


async def test_error_responses_after_authentication_carry_the_headers(client, org):
    not_found = await client.get(f"{RESUMES}/res_01jzzzzzzzzzzzzzzzzzzzzzzz", headers=org.headers)
    assert not_found.status_code == 404
    invalid = await client.get(f"{RESUMES}?include_master=perhaps", headers=org.headers)
    assert invalid.status_code == 400
    for response in (not_found, invalid):
        assert response.headers["X-RateLimit-Limit"] == "60"
    assert int(invalid.headers["X-RateLimit-Remaining"]) == (
        int(not_found.headers["X-RateLimit-Remaining"]) - 1
    )


async def test_unhandled_error_after_authentication_carries_the_headers(settings, make_org):
    router = APIRouter(dependencies=[OrgRateLimit])  # as every keyed router declares

    @router.get("/test/boom")
    async def boom(org: CurrentOrg) -> None:
        raise RuntimeError("boom")

    async with running_app(settings, router) as http:
        org = await _org_in(http.app, Plan.PRO)
        response = await http.get("/test/boom", headers=org)
    assert response.status_code == 500
    assert response.json()["error"] == "INTERNAL_ERROR"
    assert response.headers["X-RateLimit-Limit"] == "60"


async def test_unauthenticated_failures_carry_the_address_figures_not_an_orgs(client, settings):
    response = await client.get(RESUMES)
    assert response.status_code == 401
    assert response.headers["X-RateLimit-Limit"] == str(settings.address_rpm)


async def test_organizations_are_counted_apart(client, make_org):
    first, second = await make_org("A", Plan.FREE), await make_org("B", Plan.FREE)
    away_from_window_edge()
    assert (await client.get(RESUMES, headers=first.headers)).status_code == 200
    assert (await client.get(RESUMES, headers=first.headers)).status_code == 429
    assert (await client.get(RESUMES, headers=second.headers)).status_code == 200


async def test_enterprise_override_is_the_limit(client, app, make_org):
    org = await make_org(plan=Plan.ENTERPRISE)
    async with app.state.db.sessions() as session:
        await orgs.update_org(session, org.org_id, rpm_override=3)
        await session.commit()
    away_from_window_edge()
    outcome = await burst([client], RESUMES, org.headers, 10)
    assert outcome == {200: 3, 429: 7}
    response = await client.get(RESUMES, headers=org.headers)
    assert response.headers["X-RateLimit-Limit"] == "3"


async def test_public_endpoint_is_limited_per_client_address(settings):
    async with running_app(settings.model_copy(update={"public_rpm": 3})) as http:
        away_from_window_edge()
        statuses = [(await http.get("/api/v1/health")).status_code for _ in range(4)]
        limited = await http.get("/api/v1/health")
    assert statuses == [200, 200, 200, 429]
    assert limited.json()["error"] == "RATE_LIMITED" and limited.headers["Retry-After"]
    assert limited.headers["X-RateLimit-Limit"] == "3"


async def test_limits_can_be_switched_off_for_benchmarks(settings, make_org):
    async with running_app(settings.model_copy(update={"rate_limits_enabled": False})) as http:
        org = await _org_in(http.app, Plan.FREE)
        statuses = {(await http.get(RESUMES, headers=org)).status_code for _ in range(3)}
        response = await http.get(RESUMES, headers=org)
    assert statuses == {200}
    assert "X-RateLimit-Limit" not in response.headers


@pytest.mark.parametrize(
    "plan, rpm", [(Plan.FREE, 1), (Plan.STARTER, 20), (Plan.PRO, 60), (Plan.ENTERPRISE, 600)]
)
async def test_limit_header_is_the_plan_figure(client, make_org, plan, rpm):
    org = await make_org(plan=plan)
    response = await client.get(RESUMES, headers=org.headers)
    assert response.headers["X-RateLimit-Limit"] == str(rpm)


async def _org_in(app, plan: Plan) -> dict[str, str]:
    async with app.state.db.sessions() as session:
        org = await orgs.create_org(session, "T", plan)
        created = await orgs.create_key(session, org.id)
        await session.commit()
    return {"Authorization": f"Bearer {created.secret}"}
