"""Finding 4 of issue #11 (scheduling): one organization's backlog never holds every slot.

Two huge documents of one org delayed another org's parse from 1.5 s to 61.5 s: both
parse slots were busy with the first org's work. Claims now go to the organization
with the fewest parses in flight, and one org may hold at most all slots but one.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import update
from tests.api.test_resume_upload import upload
from tests.samples import sample_pdf

from refleum.db import utcnow
from refleum.jobs import workers
from refleum.jobs.runner import JobRunner
from refleum.resumes.models import Resume
from refleum.resumes.repository import ResumeRepository
from refleum.resumes.tasks import claim_parse

STALE_AFTER = timedelta(seconds=15)


async def uploads(client, org, count: int) -> list[str]:
    return [
        (await upload(client, org, sample_pdf())).json()["data"]["resume_id"] for _ in range(count)
    ]


async def test_another_orgs_parse_starts_while_one_orgs_slow_backlog_runs(client, app, make_org):
    busy, other = await make_org("Busy"), await make_org("Other")
    backlog = await uploads(client, busy, 5)
    started: list[str] = []
    busy_started, other_started, release_busy = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def slow_for_busy(db, job) -> None:
        started.append(job.resume_id)
        if job.org_id == busy.org_id:
            busy_started.set()
            await release_busy.wait()  # a huge document: holds its slot
        else:
            other_started.set()

    runner = JobRunner(app.state.db, claim_parse, slow_for_busy, concurrency=2, lease_s=300)
    await runner.start()
    try:
        await asyncio.wait_for(busy_started.wait(), 30)
        await asyncio.sleep(1)  # time to take every slot it may take
        (other_resume,) = await uploads(client, other, 1)
        runner.wake()  # as the upload endpoint does
        await asyncio.wait_for(other_started.wait(), 30)
        assert other_resume in started
        assert len([r for r in started if r in backlog]) == 1  # its share: all slots but one
    finally:
        release_busy.set()
        await runner.stop()


async def test_a_claim_prefers_the_org_with_fewest_parses_in_flight(client, app, make_org):
    busy, other = await make_org("Busy"), await make_org("Other")
    running, queued = await uploads(client, busy, 2)
    (other_resume,) = await uploads(client, other, 1)  # newer than busy's queued row
    async with app.state.db.sessions() as session:
        await session.execute(
            update(Resume)
            .where(Resume.id == running)
            .values(lease_until=utcnow() + timedelta(minutes=5))
        )
        await session.commit()
    me = await workers.register(app.state.db)
    claimed = []
    for _ in range(2):
        async with app.state.db.sessions() as session:
            claimed.append(
                await ResumeRepository.claim_next(
                    session, me, timedelta(minutes=5), stale_after=STALE_AFTER
                )
            )
            await session.commit()
    first, second = claimed
    assert (first.resume_id, second.resume_id) == (other_resume, queued)


async def test_one_org_alone_still_uses_its_share_of_the_slots(client, app, org):
    ids = await uploads(client, org, 4)
    running = 0
    most = 0

    async def counts(db, job) -> None:
        nonlocal running, most
        running += 1
        most = max(most, running)
        await asyncio.sleep(0.2)
        running -= 1

    await JobRunner(app.state.db, claim_parse, counts, concurrency=3, lease_s=300).drain()
    assert most == 2 and len(ids) == 4
