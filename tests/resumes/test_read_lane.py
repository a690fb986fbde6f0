"""The read lane (resumes/read_lane.py) answers GET /resumes/{id} before FastAPI's router:
every request it owns must get the answer the route itself gives, and the lane must
really be the one answering (else the comparison proves nothing)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi import APIRouter, Depends, FastAPI
from tests.orgs.clock import use_clock
from tests.resumes.test_endpoints import new_resume

from refleum.idempotency.deps import IdempotencyKey
from refleum.limits.enforce import OrgRateLimit
from refleum.limits.rate_limiter import LimiterUnavailable
from refleum.orgs import service as orgs
from refleum.orgs.deps import CurrentOrg
from refleum.orgs.models import ApiKey
from refleum.orgs.plans import Plan
from refleum.resumes import read_lane
from refleum.resumes import service as resumes
from refleum.resumes.read_lane import ResumeReadLane
from refleum.resumes.schemas import ResumePatch

RESUMES = "/api/v1/resumes"
EXAMPLE = json.loads((Path(__file__).parents[2] / "examples" / "resume.json").read_text())
# Differ between any two requests, whoever answers them.
_PER_REQUEST = {"x-request-id", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after"}


def _route_only() -> None:
    """A dependency override nothing uses: with any override set, the lane stands aside."""


@pytest.fixture
def lane_calls(monkeypatch) -> list[str]:
    """The org ids the lane counted: the route's own dependencies never reach this name."""
    calls: list[str] = []
    counted = read_lane.limit_org

    async def spy(request, org):
        calls.append(org.id)
        await counted(request, org)

    monkeypatch.setattr(read_lane, "limit_org", spy)
    return calls


async def _both(app, client, method: str, url: str, **kwargs):
    """The same request answered by the lane, then by the route."""
    by_lane = await client.request(method, url, **kwargs)
    app.dependency_overrides[_route_only] = _route_only
    try:
        by_route = await client.request(method, url, **kwargs)
    finally:
        app.dependency_overrides.clear()
    return by_lane, by_route


def _assert_same(by_lane, by_route) -> None:
    assert by_lane.status_code == by_route.status_code
    assert by_lane.content == by_route.content
    lane_headers = {k: v for k, v in by_lane.headers.items() if k not in _PER_REQUEST}
    route_headers = {k: v for k, v in by_route.headers.items() if k not in _PER_REQUEST}
    assert lane_headers == route_headers
    assert set(by_lane.headers) == set(by_route.headers)


async def _ready(app, client, org, **patch) -> str:
    resume_id = await new_resume(client, org)
    async with app.state.db.sessions() as session:
        await resumes.patch_resume(session, org.org_id, resume_id, ResumePatch(**patch))
        await session.commit()
    return resume_id


async def test_every_answer_the_lane_gives_is_the_routes(app, client, org, make_org, lane_calls):
    mine = await _ready(app, client, org, structuredData=EXAMPLE, status="READY", title="Ünï")
    processing = await new_resume(client, org)
    other = await make_org("Other")
    theirs = await new_resume(client, other)
    gone = await new_resume(client, org)
    assert (await client.delete(f"{RESUMES}/{gone}", headers=org.headers)).status_code == 200
    async with app.state.db.sessions() as session:
        revoked = await orgs.create_key(session, org.org_id)
        await orgs.revoke_key(session, revoked.key.id)
        expired = await orgs.create_key(session, org.org_id, expires_in=timedelta(seconds=-1))
        await session.commit()
    bearer = org.headers
    cases = [
        (f"{RESUMES}/{mine}", bearer),
        (f"{RESUMES}/{mine}", {"x-api-key": org.key}),
        (f"{RESUMES}/{mine}", {"Authorization": f"bearer   {org.key}"}),
        (f"{RESUMES}/{mine}?unused=1", bearer),
        (f"{RESUMES}/{mine}", {**bearer, "X-Request-ID": "caller-chosen.id"}),
        (f"{RESUMES}/{processing}", bearer),
        (f"{RESUMES}/{theirs}", bearer),
        (f"{RESUMES}/{gone}", bearer),
        (f"{RESUMES}/res_unknown", bearer),
        (f"{RESUMES}/%E2%9C%93", bearer),
        (f"{RESUMES}/res%00x", bearer),  # no id holds a NUL: 404, not a failed statement
        (f"{RESUMES}/{mine}", {}),
        (f"{RESUMES}/{mine}", {"Authorization": f"Basic {org.key}"}),
        (f"{RESUMES}/{mine}", {"x-api-key": "  "}),
        (f"{RESUMES}/{mine}", {"Authorization": "Bearer sk_live_unknown"}),
        (f"{RESUMES}/{mine}", {"Authorization": f"Bearer {revoked.secret}"}),
        (f"{RESUMES}/{mine}", {"Authorization": f"Bearer {expired.secret}"}),
    ]
    statuses = set()
    for url, headers in cases:
        by_lane, by_route = await _both(app, client, "GET", url, headers=headers)
        _assert_same(by_lane, by_route)
        statuses.add(by_lane.status_code)
    assert statuses == {200, 401, 404}
    # It counted each of the 11 requests with a valid key; the last 6 fail authentication.
    assert len(lane_calls) == 11
    assert (await client.get(f"{RESUMES}/{mine}", headers=bearer)).json()["data"]["title"] == "Ünï"


async def test_what_the_lane_does_not_own_goes_to_the_router(app, client, org, lane_calls):
    mine = await new_resume(client, org)
    for method, url, kwargs in [
        ("GET", f"{RESUMES}/{mine}/", {}),  # not the route's path
        ("HEAD", f"{RESUMES}/{mine}", {}),
        ("GET", RESUMES, {}),
        ("GET", f"{RESUMES}/{mine}/pdf", {}),
    ]:
        by_lane, by_route = await _both(app, client, method, url, headers=org.headers, **kwargs)
        _assert_same(by_lane, by_route)
    assert lane_calls == []


async def test_a_get_with_a_body_is_answered_and_its_body_read(app, client, org, lane_calls):
    mine = await new_resume(client, org)
    by_lane, by_route = await _both(
        app, client, "GET", f"{RESUMES}/{mine}", headers=org.headers, content=b'{"x": 1}'
    )
    _assert_same(by_lane, by_route)
    assert by_lane.status_code == 200 and len(lane_calls) == 1


async def test_the_rate_limit_refuses_the_same_way(app, client, org, lane_calls):
    mine = await new_resume(client, org)
    async with app.state.db.sessions() as session:
        # A new limit is a new window: the next four requests are allowed, then none.
        await orgs.update_org(session, org.org_id, plan=Plan.ENTERPRISE, rpm_override=4)
        await session.commit()
    answers = [await _both(app, client, "GET", f"{RESUMES}/{mine}", headers=org.headers)]
    answers += [await _both(app, client, "GET", f"{RESUMES}/{mine}", headers=org.headers)]
    for by_lane, by_route in answers:
        _assert_same(by_lane, by_route)
    assert [a.status_code for pair in answers for a in pair] == [200, 200, 200, 200]
    refused = await _both(app, client, "GET", f"{RESUMES}/{mine}", headers=org.headers)
    _assert_same(*refused)
    assert [a.status_code for a in refused] == [429, 429]
    assert all(1 <= int(a.headers["retry-after"]) <= 60 for a in refused)
    # Each answer counted once: the lane's and the route's alike.
    assert int(answers[1][0].headers["x-ratelimit-remaining"]) == 1
    assert int(answers[1][1].headers["x-ratelimit-remaining"]) == 0
    assert len(lane_calls) == 3


async def test_an_unreachable_limiter_is_the_same_503(app, client, org, lane_calls):
    mine = await new_resume(client, org)
    limiter = app.state.request_limiter
    counted = limiter.hit

    async def org_counter_down(scope, identity, per_minute):
        if scope == "org":
            raise LimiterUnavailable()
        return await counted(scope, identity, per_minute)

    limiter.hit = org_counter_down
    by_lane, by_route = await _both(app, client, "GET", f"{RESUMES}/{mine}", headers=org.headers)
    _assert_same(by_lane, by_route)
    assert by_lane.status_code == 503
    assert len(lane_calls) == 1


async def test_the_key_use_is_written_after_the_answer(app, client, org, lane_calls):
    mine = await new_resume(client, org)
    clock = await use_clock(app)
    clock.advance(61)  # past the recorder's resolution: this use is due a write
    assert (await client.get(f"{RESUMES}/{mine}", headers=org.headers)).status_code == 200
    async with app.state.db.sessions() as session:
        assert (await session.get(ApiKey, org.key_id)).last_used_at == clock.wall
    assert len(lane_calls) == 1


def _app_with(dependencies: list, route_dependencies: list) -> FastAPI:
    app = FastAPI()
    router = APIRouter(prefix="/api/v1", dependencies=dependencies)

    @router.get("/resumes/{id}", dependencies=route_dependencies)
    async def get_resume(id: str, org: CurrentOrg) -> dict:
        return {}

    app.include_router(router)
    return app


async def _extra() -> None:
    pass


def test_the_lane_accepts_the_route_as_declared_and_nothing_else():
    ResumeReadLane(FastAPI(), routes=_app_with([OrgRateLimit, IdempotencyKey], []).routes)
    for dependencies, route_dependencies in [
        ([OrgRateLimit], []),  # a claim the lane would skip
        ([OrgRateLimit, IdempotencyKey], [Depends(_extra)]),  # one it would not run
        ([IdempotencyKey, OrgRateLimit], []),  # another order
    ]:
        with pytest.raises(RuntimeError, match="Change the lane with the route"):
            ResumeReadLane(FastAPI(), routes=_app_with(dependencies, route_dependencies).routes)
    with pytest.raises(RuntimeError, match="expected one GET"):
        ResumeReadLane(FastAPI(), routes=FastAPI().routes)


async def test_an_unexpected_error_is_the_same_500_envelope(app, client, org, lane_calls):
    mine = await new_resume(client, org)

    async def broken(*_args):
        raise RuntimeError("the read failed")

    app.state.rendered_resumes.body = broken
    by_lane, by_route = await _both(app, client, "GET", f"{RESUMES}/{mine}", headers=org.headers)
    _assert_same(by_lane, by_route)
    assert by_lane.status_code == 500
    assert by_lane.json()["error"] == "INTERNAL_ERROR"
    assert len(lane_calls) == 1
