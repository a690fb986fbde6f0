"""The parse job's ends: the claim it is fed, and a finish that needs the lease."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from tests.jobs.support import leased_by, statuses, uploaded, worker

from refleum.jobs.runner import ClaimTerms
from refleum.resumes.models import Resume
from refleum.resumes.repository import ClaimedJob
from refleum.resumes.tasks import claim_parse, parse_resume_job

TERMS = ClaimTerms(None, timedelta(minutes=5), timedelta(seconds=15))


async def test_claim_parse_commits_the_lease(client, app, org):
    resume_id = await uploaded(client, org)
    claimed = await claim_parse(app.state.db, TERMS)
    assert (claimed.id, claimed.org_id, claimed.attempt) == (resume_id, org.org_id, 1)
    assert await claim_parse(app.state.db, TERMS) is None  # held, seen by other sessions
    async with app.state.db.sessions() as session:
        assert await session.scalar(select(Resume.parse_attempts)) == 1


async def test_a_worker_that_lost_its_lease_cannot_finish_the_job(client, app, org):
    resume_id = await uploaded(client, org)
    await leased_by(app, resume_id, worker("wkr_new_owner", hostname="elsewhere", pid=1))
    async with app.state.db.sessions() as session:
        lease_until = await session.scalar(select(Resume.lease_until).where(Resume.id == resume_id))
    # Same lease_until, other worker: the old owner's result must be dropped.
    stale = ClaimedJob(resume_id, org.org_id, 1, lease_until, worker_id="wkr_old_owner")
    await parse_resume_job(app.state.db, stale)
    assert await statuses(app, [resume_id]) == {resume_id: "PROCESSING"}
