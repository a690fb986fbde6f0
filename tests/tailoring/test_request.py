"""The tailor request path (tailoring/service.tailor_resume behind its endpoint): the order
of its checks, a refused request costs nothing, the quota holds under concurrency, and the
request's writes commit once, together with the quota use, or not at all."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tests.tailoring.test_endpoints import ready_resume, tailor

from refleum.limits.quotas import usage_this_month
from refleum.orgs import service as orgs
from refleum.orgs.models import Organization
from refleum.orgs.plans import Plan
from refleum.resumes.models import Resume
from refleum.tailoring import service


async def quota_state(app, org_id: str) -> tuple[int, int]:
    """(tailor calls used, slots still reserved) this month."""
    async with app.state.db.sessions() as session:
        _, counter = await usage_this_month(session, org_id)
    return counter.tailor_used, counter.tailor_reserved


async def resumes(app) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(Resume))


async def enterprise_with_quota(app, make_org, monthly: int):
    who = await make_org("Quota", Plan.ENTERPRISE)
    async with app.state.db.sessions() as session:
        await orgs.update_org(session, who.org_id, monthly_tailor_override=monthly)
        await session.commit()
    return who


async def use_up_quota(app, org_id: str) -> None:
    async with app.state.db.sessions() as session:
        await orgs.update_org(session, org_id, monthly_tailor_override=0)
        await session.commit()


def error(response) -> tuple[int, str]:
    return response.status_code, response.json()["error"]


async def test_checks_run_plan_language_resume_then_quota(client, app, make_org):
    free = await make_org("Free", Plan.FREE)
    starter = await make_org("Starter", Plan.STARTER)
    assert error(await tailor(client, free, "res_missing")) == (403, "PLAN_REQUIRED")
    spanish = await tailor(client, starter, "res_missing", output_language="es")
    assert error(spanish) == (403, "PLAN_REQUIRED")
    spent = await enterprise_with_quota(app, make_org, 1)
    source_id = await ready_resume(client, app, spent)
    await use_up_quota(app, spent.org_id)
    # A missing resume is reported as such even with no quota left; an existing one is 429.
    assert error(await tailor(client, spent, "res_missing")) == (404, "NOT_FOUND")
    assert error(await tailor(client, spent, source_id)) == (429, "RATE_LIMITED")


async def test_a_refused_request_costs_nothing(client, app, org):
    not_ready = (await tailor(client, org, "res_missing")).json()
    assert not_ready["error"] == "NOT_FOUND"
    source_id = await ready_resume(client, app, org)
    before = await resumes(app)
    too_short = await tailor(client, org, source_id, job_description="short")
    assert error(too_short) == (400, "VALIDATION_ERROR")
    assert await quota_state(app, org.org_id) == (0, 0)
    assert await resumes(app) == before


async def test_a_failure_after_the_reservation_releases_it_and_stores_nothing(client, app, org):
    source_id = await ready_resume(client, app, org)
    before = await resumes(app)
    # The local engine does not write Chinese: found out only once the pipeline runs.
    response = await tailor(client, org, source_id, output_language="zh")
    assert error(response) == (400, "VALIDATION_ERROR")
    assert await quota_state(app, org.org_id) == (0, 0)
    assert await resumes(app) == before


async def test_a_failed_commit_stores_nothing_and_gives_the_slot_back(
    client, app, org, monkeypatch
):
    source_id = await ready_resume(client, app, org)
    before = await resumes(app)
    count = service.count_tailor_call

    async def count_then_break_the_commit(session, reservation):
        await count(session, reservation)
        # A row missing a NOT NULL column: the request's one commit fails after every write.
        session.add(Organization(id="org_broken", name=None, plan=Plan.PRO))

    monkeypatch.setattr(service, "count_tailor_call", count_then_break_the_commit)
    response = await tailor(client, org, source_id, generate_pdf=True)
    assert error(response) == (500, "INTERNAL_ERROR")
    assert await resumes(app) == before
    assert await quota_state(app, org.org_id) == (0, 0)


async def test_the_request_session_commits_once_at_the_end(client, app, org, monkeypatch):
    source_id = await ready_resume(client, app, org)
    events: list[str] = []
    request_session: list[AsyncSession] = []
    real_commit, real_tailor = AsyncSession.commit, service.tailor_resume

    async def spy_commit(self):
        events.append("commit" if self in request_session else "other commit")
        return await real_commit(self)

    async def spy_tailor(session, *args, **kwargs):
        request_session.append(session)
        events.append("tailor starts")
        done = await real_tailor(session, *args, **kwargs)
        events.append("tailor ends")
        return done

    monkeypatch.setattr(AsyncSession, "commit", spy_commit)
    monkeypatch.setattr(service, "tailor_resume", spy_tailor)
    response = await tailor(client, org, source_id, generate_pdf=True)
    assert response.status_code == 201, response.text
    mine = [e for e in events if e != "other commit"]
    assert mine == ["tailor starts", "tailor ends", "commit"]
    assert await quota_state(app, org.org_id) == (1, 0)


async def test_concurrent_requests_never_pass_the_quota(client, app, make_org):
    who = await enterprise_with_quota(app, make_org, 2)
    source_id = await ready_resume(client, app, who)
    before = await resumes(app)
    responses = await asyncio.gather(*(tailor(client, who, source_id) for _ in range(5)))
    assert sorted(r.status_code for r in responses) == [201, 201, 429, 429, 429]
    assert await quota_state(app, who.org_id) == (2, 0)
    assert await resumes(app) == before + 2


async def test_the_pdf_render_is_charged_to_the_org(client, app, org, monkeypatch):
    source_id = await ready_resume(client, app, org)
    pool, seen = app.state.render_pool, []
    real_pdf = pool.pdf

    async def spy_pdf(data, **kwargs):
        seen.append(kwargs["org_id"])
        return await real_pdf(data, **kwargs)

    monkeypatch.setattr(pool, "pdf", spy_pdf)
    response = await tailor(client, org, source_id, generate_pdf=True)
    assert response.status_code == 201 and response.json()["data"]["pdf_url"]
    assert seen == [org.org_id]  # the render pool's per-org fairness needs the org
