"""The resume table as a job queue: a PROCESSING row is owed work, a lease says who holds it.

Claiming is one conditional UPDATE, so any number of API or worker processes, on SQLite
or PostgreSQL, can share the queue without a broker. A lease is held by a named worker
(jobs.models.Worker) until it expires; a worker that died (stale heartbeat, or reaped on
restart) holds nothing, so its rows are claimed again within seconds.

Claims are fair across organizations: the organization with the fewest parses in flight
goes first, and a runner can skip organizations that already hold their share of its
slots, so one tenant's backlog or slow documents never hold every slot.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, func, not_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.jobs.models import Worker
from refleum.jobs.workers import live_since
from refleum.resumes.models import Resume, ResumeStatus

CANDIDATES = 5  # rows tried per claim when other claimers race us for the first ones


@dataclass(frozen=True)
class ClaimedJob:
    resume_id: str
    org_id: str
    attempt: int
    lease_token: object  # the lease_until we wrote: our proof of ownership when finishing
    worker_id: str | None = None  # the lease's owner


def _lease_is_free(now: datetime, stale_after: timedelta):
    live_workers = select(Worker.id).where(Worker.heartbeat_at >= live_since(now, stale_after))
    return or_(
        Resume.lease_until.is_(None),
        Resume.lease_until < now,
        # An ownerless lease (written before workers were named) waits for its expiry.
        and_(Resume.lease_owner.is_not(None), Resume.lease_owner.not_in(live_workers)),
    )


def _claimable(now: datetime, stale_after: timedelta):
    return and_(Resume.status == ResumeStatus.PROCESSING, _lease_is_free(now, stale_after))


def _in_flight_per_org(now: datetime, stale_after: timedelta):
    return (
        select(Resume.org_id, func.count().label("running"))
        .where(Resume.status == ResumeStatus.PROCESSING, not_(_lease_is_free(now, stale_after)))
        .group_by(Resume.org_id)
        .subquery()
    )


async def claim_next(
    session: AsyncSession,
    worker_id: str | None,
    lease: timedelta,
    *,
    stale_after: timedelta,
    skip_orgs: Collection[str] = (),
) -> ClaimedJob | None:
    now = utcnow()
    in_flight = _in_flight_per_org(now, stale_after)
    query = (
        select(Resume.id, Resume.org_id, Resume.parse_attempts)
        .outerjoin(in_flight, in_flight.c.org_id == Resume.org_id)
        .where(_claimable(now, stale_after))
        .order_by(func.coalesce(in_flight.c.running, 0), Resume.updated_at, Resume.id)
        .limit(CANDIDATES)
    )
    if skip_orgs:
        query = query.where(Resume.org_id.not_in(list(skip_orgs)))
    candidates = await session.execute(query)
    for resume_id, org_id, attempts in candidates.all():
        lease_until = now + lease
        result = await session.execute(
            update(Resume)
            .where(Resume.id == resume_id, _claimable(now, stale_after))
            .values(lease_until=lease_until, lease_owner=worker_id, parse_attempts=attempts + 1)
        )
        if result.rowcount == 1:
            await session.commit()
            return ClaimedJob(resume_id, org_id, attempts + 1, lease_until, worker_id)
    await session.rollback()
    return None
