"""Monthly tailor quota: reserve-then-commit on the database, exact under concurrency."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from refleum.errors import PlanRequired, RateLimited
from refleum.limits.quotas import reserve_tailor_call, usage_this_month
from refleum.limits.repository import UsageRepository
from refleum.llm.accounting import record_llm_usage
from refleum.llm.usage import LLMUsage
from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan

NOV = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


async def _org(app, plan: Plan = Plan.ENTERPRISE, monthly: int | None = None):
    async with app.state.db.sessions() as session:
        org = await orgs.create_org(session, "Quota", plan)
        if monthly is not None:
            await orgs.update_org(session, org.id, monthly_tailor_override=monthly)
        await session.commit()
    return org


async def _used(app, org, now=NOV) -> tuple[int, int]:
    async with app.state.db.sessions() as session:
        _, counter = await usage_this_month(session, org.id, now)
    return counter.tailor_used, counter.tailor_reserved


async def _tailor(app, org, *, fail: bool = False, now=NOV) -> str:
    try:
        async with reserve_tailor_call(app.state.db, org, now=now):
            await asyncio.sleep(0.01)  # the work: overlaps every other caller's reservation
            if fail:
                raise ValueError("pipeline failed")
    except RateLimited:
        return "limited"
    except ValueError:
        return "failed"
    return "ok"


async def test_twenty_concurrent_calls_against_quota_five_exactly_five_succeed(app):
    org = await _org(app, monthly=5)
    outcomes = await asyncio.gather(*(_tailor(app, org) for _ in range(20)))
    assert outcomes.count("ok") == 5 and outcomes.count("limited") == 15
    assert await _used(app, org) == (5, 0)


async def test_failed_calls_release_their_slot_and_do_not_count(app):
    org = await _org(app, monthly=2)
    outcomes = await asyncio.gather(*(_tailor(app, org, fail=True) for _ in range(6)))
    assert set(outcomes) <= {"failed", "limited"} and "failed" in outcomes
    assert await _used(app, org) == (0, 0)
    assert [await _tailor(app, org) for _ in range(3)] == ["ok", "ok", "limited"]
    assert await _used(app, org) == (2, 0)


async def test_cancelled_call_releases_its_slot(app):
    org = await _org(app, monthly=1)
    started = asyncio.Event()

    async def slow() -> None:
        async with reserve_tailor_call(app.state.db, org, now=NOV):
            started.set()
            await asyncio.sleep(30)

    task = asyncio.create_task(slow())
    await started.wait()
    assert await _used(app, org) == (0, 1)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await _used(app, org) == (0, 0)


async def test_exhausted_quota_is_a_429_naming_the_monthly_quota_until_month_end(app):
    org = await _org(app, monthly=1)
    assert await _tailor(app, org) == "ok"
    with pytest.raises(RateLimited) as raised:
        async with reserve_tailor_call(app.state.db, org, now=NOV):
            pass
    assert raised.value.status == 429 and raised.value.code == "RATE_LIMITED"
    assert "monthly quota" in raised.value.detail.lower() and "2026-12-01" in raised.value.detail
    # From 2026-11-28T12:00Z to 2026-12-01T00:00Z.
    assert raised.value.headers["Retry-After"] == str((2 * 24 + 12) * 3600)


async def test_month_rollover_starts_a_fresh_count(app):
    org = await _org(app, monthly=1)
    end_of_november = datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)
    december = datetime(2026, 12, 1, 0, 0, 0, tzinfo=UTC)
    assert await _tailor(app, org, now=end_of_november) == "ok"
    assert await _tailor(app, org, now=end_of_november) == "limited"
    assert await _tailor(app, org, now=december) == "ok"
    assert await _used(app, org, end_of_november) == (1, 0)
    assert await _used(app, org, december) == (1, 0)


async def test_december_turns_into_january(app):
    org = await _org(app, monthly=1)
    last_second = datetime(2026, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert await _tailor(app, org, now=last_second) == "ok"
    with pytest.raises(RateLimited) as raised:
        async with reserve_tailor_call(app.state.db, org, now=last_second):
            pass
    assert raised.value.headers["Retry-After"] == "1"
    assert await _tailor(app, org, now=datetime(2027, 1, 1, tzinfo=UTC)) == "ok"


async def test_plan_figures_apply_and_enterprise_is_unlimited(app):
    starter = await _org(app, Plan.STARTER)
    enterprise = await _org(app, Plan.ENTERPRISE)
    outcomes = await asyncio.gather(*(_tailor(app, enterprise) for _ in range(12)))
    assert outcomes == ["ok"] * 12
    assert await _tailor(app, starter) == "ok"
    assert await _used(app, starter) == (1, 0)


async def test_plan_required_wins_over_the_monthly_quota(app):
    free = await _org(app, Plan.FREE)
    with pytest.raises(PlanRequired):
        async with reserve_tailor_call(app.state.db, free, now=NOV):
            pass
    assert await _used(app, free) == (0, 0)  # nothing was reserved


async def test_llm_usage_adds_up_per_month(app):
    org = await _org(app)

    async def record(usage: LLMUsage, now: datetime) -> None:
        async with app.state.db.sessions() as session:
            await record_llm_usage(session, org.id, "tailor", "openai:gpt", usage, now=now)
            await session.commit()

    one = LLMUsage(calls=1, input_tokens=100, output_tokens=20)
    await asyncio.gather(*(record(one, NOV) for _ in range(10)))
    await record(
        LLMUsage(calls=2, input_tokens=5, output_tokens=5), datetime(2026, 12, 2, tzinfo=UTC)
    )
    async with app.state.db.sessions() as session:
        _, november = await usage_this_month(session, org.id, NOV)
    assert (november.llm_calls, november.input_tokens, november.output_tokens) == (10, 1000, 200)


async def test_slot_held_by_a_dead_call_is_reclaimed_after_its_lease(app):
    org = await _org(app, monthly=1)
    # What a process that died inside the call leaves behind: a reservation, never ended.
    async with app.state.db.sessions() as session:
        repo = UsageRepository(session, org.id)
        await repo.ensure_row("2026-11")
        assert await repo.reserve_tailor("2026-11", 1, NOV, NOV + timedelta(seconds=600))
        await session.commit()
    assert await _used(app, org) == (0, 1)
    assert await _tailor(app, org, now=NOV + timedelta(seconds=599)) == "limited"
    assert await _tailor(app, org, now=NOV + timedelta(seconds=601)) == "ok"
    assert await _used(app, org) == (1, 0)


async def test_a_live_call_keeps_its_slot_while_others_come_and_go(app):
    org = await _org(app, monthly=2)
    async with reserve_tailor_call(app.state.db, org, now=NOV, lease_s=600):
        later = NOV + timedelta(seconds=300)
        assert await _tailor(app, org, now=later) == "ok"
        assert await _tailor(app, org, now=later) == "limited"
    assert await _used(app, org) == (2, 0)
