"""All SQL of the async-request queue (``api_jobs``): enqueue, claim, finish, read.

Claiming works like the parse queue's (resumes/repository.py), so API and worker
processes share it on SQLite or PostgreSQL: on PostgreSQL the oldest claimable row is
locked with ``FOR UPDATE SKIP LOCKED`` (concurrent claimers take different rows without
waiting on each other), on SQLite a conditional UPDATE over a few candidates decides.
Either way the lease is written in the same transaction. A lease held by a dead worker
(stale heartbeat, or reaped on restart) or past its expiry is free: the job runs again.
Enqueueing NOTIFYs ``CHANNEL`` (jobs/wakeups.py). Never commits.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.ids import new_id
from refleum.jobs.models import ApiJob
from refleum.jobs.repository import live_worker_ids
from refleum.jobs.wakeups import announce
from refleum.jobs.workers import live_since

QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
CANDIDATES = 5  # rows tried per claim on SQLite, where other claimers race us for the first
CHANNEL = "refleum_api_jobs"


@dataclass(frozen=True)
class ClaimedApiJob:
    id: str
    org_id: str
    kind: str
    request: dict[str, Any]
    attempt: int
    lease_token: datetime  # the lease_until we wrote: our proof of ownership when finishing
    worker_id: str | None


def new_job(org_id: str, kind: str, request: dict[str, Any]) -> ApiJob:
    now = utcnow()
    return ApiJob(
        id=new_id("job"),
        org_id=org_id,
        kind=kind,
        status=QUEUED,
        request=request,
        attempts=0,
        created_at=now,
        updated_at=now,
    )


class ApiJobRepository:
    """One organization's jobs, as its requests see them."""

    def __init__(self, session: AsyncSession, org_id: str):
        self.session, self.org_id = session, org_id

    async def add(self, job: ApiJob) -> ApiJob:
        if job.org_id != self.org_id:
            raise ValueError("job belongs to another organization")
        self.session.add(job)
        await announce(self.session, CHANNEL)
        return job

    async def get(self, job_id: str) -> ApiJob | None:
        return await self.session.scalar(
            select(ApiJob).where(ApiJob.id == job_id, ApiJob.org_id == self.org_id)
        )


def _lease_is_free(now: datetime, stale_after: timedelta):
    live_workers = live_worker_ids(live_since(now, stale_after))
    return or_(
        ApiJob.lease_until.is_(None),
        ApiJob.lease_until < now,
        and_(ApiJob.lease_owner.is_not(None), ApiJob.lease_owner.not_in(live_workers)),
    )


def _claimable(now: datetime, stale_after: timedelta):
    return and_(ApiJob.status.in_([QUEUED, RUNNING]), _lease_is_free(now, stale_after))


async def claim_next(
    session: AsyncSession,
    worker_id: str | None,
    lease: timedelta,
    *,
    stale_after: timedelta,
    skip_orgs: Collection[str] = (),
) -> ClaimedApiJob | None:
    """Lease the oldest claimable job (any organization: one queue serves them all)."""
    now = utcnow()
    locks = session.bind.dialect.name == "postgresql"
    query = (
        select(ApiJob.id, ApiJob.org_id, ApiJob.kind, ApiJob.request, ApiJob.attempts)
        .where(_claimable(now, stale_after))
        .order_by(ApiJob.created_at, ApiJob.id)
        # A locked row is another claimer's until it commits: skip it, take the next one.
        .limit(1 if locks else CANDIDATES)
        .with_for_update(skip_locked=True, of=ApiJob)
    )
    if skip_orgs:
        query = query.where(ApiJob.org_id.not_in(list(skip_orgs)))
    for job_id, org_id, kind, request, attempts in (await session.execute(query)).all():
        lease_until = now + lease
        result = await session.execute(
            update(ApiJob)
            .where(ApiJob.id == job_id, _claimable(now, stale_after))
            .values(
                status=RUNNING,
                lease_until=lease_until,
                lease_owner=worker_id,
                attempts=attempts + 1,
                updated_at=now,
            )
        )
        if result.rowcount == 1:
            return ClaimedApiJob(
                job_id, org_id, kind, request, attempts + 1, lease_until, worker_id
            )
    return None


async def finish(
    session: AsyncSession,
    job: ClaimedApiJob,
    *,
    result: dict[str, Any] | None = None,
    error: tuple[str, str] | None = None,
) -> bool:
    """Record the outcome; False when the lease was lost (another worker owns the job now),
    and the caller must then roll its work back."""
    now = utcnow()
    code, detail = error if error is not None else (None, None)
    updated = await session.execute(
        update(ApiJob)
        .where(
            ApiJob.id == job.id,
            ApiJob.status == RUNNING,
            ApiJob.lease_until == job.lease_token,
        )
        .values(
            status=FAILED if error is not None else SUCCEEDED,
            result=result,
            error_code=code,
            error_detail=detail,
            lease_until=None,
            lease_owner=None,
            updated_at=now,
            finished_at=now,
        )
    )
    return updated.rowcount == 1
