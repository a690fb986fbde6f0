"""The resume table as a job queue: a PROCESSING row is owed work, a lease says who holds it.

Claiming is one conditional UPDATE, so any number of API or worker processes, on SQLite
or PostgreSQL, can share the queue without a broker, and a process that dies mid-job only
delays the row until its lease runs out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.resumes.models import Resume, ResumeStatus


@dataclass(frozen=True)
class ClaimedJob:
    resume_id: str
    org_id: str
    attempt: int
    lease_token: object  # the lease_until we wrote: our proof of ownership when finishing


def _claimable(now):
    return and_(
        Resume.status == ResumeStatus.PROCESSING,
        or_(Resume.lease_until.is_(None), Resume.lease_until < now),
    )


async def claim_next(session: AsyncSession, lease: timedelta) -> ClaimedJob | None:
    now = utcnow()
    candidates = await session.execute(
        select(Resume.id, Resume.org_id, Resume.parse_attempts)
        .where(_claimable(now))
        .order_by(Resume.updated_at)
        .limit(5)
    )
    for resume_id, org_id, attempts in candidates.all():
        lease_until = now + lease
        result = await session.execute(
            update(Resume)
            .where(Resume.id == resume_id, _claimable(now))
            .values(lease_until=lease_until, parse_attempts=attempts + 1)
        )
        if result.rowcount == 1:
            await session.commit()
            return ClaimedJob(resume_id, org_id, attempts + 1, lease_until)
    await session.rollback()
    return None
