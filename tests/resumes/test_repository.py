"""The parse queue's SQL in ResumeRepository: fair claims, and finishing under the lease.

Finding 4 of issue #11 (scheduling): claims go to the organization with the fewest parses
in flight, so one organization's backlog never holds every slot. A claim is not
org-scoped (one queue serves every org); finishing is, and only the lease holder's
write lands.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from tests.jobs.support import leased_by, statuses, uploaded, uploads, worker

from refleum.db import utcnow
from refleum.jobs import workers
from refleum.resumes.models import Resume, ResumeStatus
from refleum.resumes.repository import ClaimedJob, ResumeRepository

STALE_AFTER = timedelta(seconds=15)
LEASE = timedelta(minutes=5)


async def claim(app, me: str | None, **kwargs) -> ClaimedJob | None:
    async with app.state.db.sessions() as session:
        claimed = await ResumeRepository.claim_next(
            session, me, LEASE, stale_after=STALE_AFTER, **kwargs
        )
        await session.commit()
        return claimed


async def test_a_claim_prefers_the_org_with_fewest_parses_in_flight(client, app, make_org):
    busy, other = await make_org("Busy"), await make_org("Other")
    running, queued = await uploads(client, busy, 2)
    (other_resume,) = await uploads(client, other, 1)  # newer than busy's queued row
    async with app.state.db.sessions() as session:
        await session.execute(
            update(Resume).where(Resume.id == running).values(lease_until=utcnow() + LEASE)
        )
        await session.commit()
    me = await workers.register(app.state.db)
    first, second = [await claim(app, me) for _ in range(2)]
    assert (first.resume_id, second.resume_id) == (other_resume, queued)
    assert (first.org_id, first.attempt, first.worker_id) == (other.org_id, 1, me)


async def test_a_claim_skips_the_orgs_at_their_share(client, app, make_org):
    busy, other = await make_org("Busy"), await make_org("Other")
    await uploads(client, busy, 1)
    (other_resume,) = await uploads(client, other, 1)
    me = await workers.register(app.state.db)
    claimed = await claim(app, me, skip_orgs=[busy.org_id])
    assert claimed.resume_id == other_resume
    assert await claim(app, me, skip_orgs=[busy.org_id]) is None


async def test_a_claim_is_held_only_once_the_caller_commits(client, app, org):
    resume_id = await uploaded(client, org)
    async with app.state.db.sessions() as session:
        claimed = await ResumeRepository.claim_next(session, None, LEASE, stale_after=STALE_AFTER)
        assert claimed.resume_id == resume_id
        await session.rollback()
    assert (await claim(app, None)).resume_id == resume_id  # still free


async def test_only_the_lease_holder_finishes_a_parse(client, app, org):
    resume_id = await uploaded(client, org)
    await leased_by(app, resume_id, worker("wkr_owner", hostname="elsewhere", pid=1))
    async with app.state.db.sessions() as session:
        lease_until = await session.scalar(select(Resume.lease_until).where(Resume.id == resume_id))
    outcome = {
        "status": ResumeStatus.READY,
        "warnings": [],
        "markdown": "# Ada",
        "structured_data": None,
    }
    for owner in ("wkr_other", "wkr_owner"):
        job = ClaimedJob(resume_id, org.org_id, 1, lease_until, worker_id=owner)
        async with app.state.db.sessions() as session:
            await ResumeRepository(session, org.org_id).finish_parse(job, **outcome)
            await session.commit()
        expected = "PROCESSING" if owner == "wkr_other" else "READY"
        assert await statuses(app, [resume_id]) == {resume_id: expected}
    async with app.state.db.sessions() as session:
        row = await session.get(Resume, resume_id)
        assert (row.markdown, row.lease_until, row.lease_owner) == ("# Ada", None, None)
        assert row.content_version == 2


async def test_finishing_is_scoped_to_the_jobs_organization(client, app, make_org):
    owner, intruder = await make_org("Owner"), await make_org("Intruder")
    resume_id = await uploaded(client, owner)
    claimed = await claim(app, None)
    async with app.state.db.sessions() as session:
        await ResumeRepository(session, intruder.org_id).finish_parse(
            claimed, status=ResumeStatus.FAILED, warnings=[], markdown=None, structured_data=None
        )
        await session.commit()
    assert await statuses(app, [resume_id]) == {resume_id: "PROCESSING"}
