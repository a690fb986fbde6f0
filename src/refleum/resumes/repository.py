"""All SQL for resumes. Bound to one organization: nothing here can reach another org's rows,
except the parse queue's claim (``ResumeRepository.claim_next``), which serves every org.

The resume table is also the parse queue: a PROCESSING row is owed work, a lease says who
holds it. Any number of API or worker processes, on SQLite or PostgreSQL, share the queue
without a broker: on PostgreSQL a claim locks its row with ``FOR UPDATE SKIP LOCKED``, so
concurrent claimers take different rows without waiting on each other; on SQLite (one
writer at a time) a conditional UPDATE over a few candidates decides. A lease is held by a
named worker (jobs.models.Worker) until it expires; a worker that died (stale heartbeat, or
reaped on restart) holds nothing, so its rows are claimed again within seconds. Queueing a
parse NOTIFYs ``PARSE_CHANNEL``, which wakes idle runners in every process (jobs/wakeups.py).

Claims are fair across organizations: the organization with the fewest parses in flight
goes first, and a runner can skip organizations that already hold their share of its
slots, so one tenant's backlog or slow documents never hold every slot.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, func, not_, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.events import RESUME_FAILED, RESUME_PARSED, record_event
from refleum.jobs.repository import live_worker_ids
from refleum.jobs.wakeups import announce
from refleum.jobs.workers import live_since
from refleum.resumes.models import PdfCache, Resume, ResumeFile, ResumeStatus

CANDIDATES = 5  # rows tried per claim on SQLite, where other claimers race us for the first
PARSE_CHANNEL = "refleum_parse_queue"


@dataclass(frozen=True)
class ClaimedJob:
    resume_id: str
    org_id: str
    attempt: int
    lease_token: object  # the lease_until we wrote: our proof of ownership when finishing
    worker_id: str | None = None  # the lease's owner

    @property
    def id(self) -> str:
        """The job's name for the runner's logs and task names."""
        return self.resume_id


async def find_for_public_pdf(session: AsyncSession, resume_id: str) -> Resume | None:
    """A resume by id alone, for ``GET /resumes/{id}/pdf`` only.

    The one deliberate exception to org scoping (ResumeRepository): the contract makes that
    endpoint public for tailored resumes, with the unguessable id (80 random bits) as the
    secret; the endpoint itself checks the key for an uploaded original (exports.py).
    """
    return await session.scalar(select(Resume).where(Resume.id == resume_id))


class PdfCacheRepository:
    """Rendered PDFs of one organization's resumes (scoped through the resume's org)."""

    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    def _ours(self):
        return PdfCache.resume_id.in_(select(Resume.id).where(Resume.org_id == self.org_id))

    async def get(self, resume: Resume, template: str, page_size: str) -> bytes | None:
        return await self.session.scalar(
            select(PdfCache.data).where(
                self._ours(),
                PdfCache.resume_id == resume.id,
                PdfCache.content_version == resume.content_version,
                PdfCache.template == template,
                PdfCache.page_size == page_size,
            )
        )

    async def store(self, resume: Resume, template: str, page_size: str, data: bytes) -> None:
        """Keep a render; a concurrent request that stored the same key first wins quietly."""
        if resume.org_id != self.org_id:
            raise ValueError("resume of another organization")
        await self.session.execute(
            delete(PdfCache)
            .where(
                self._ours(),
                PdfCache.resume_id == resume.id,
                PdfCache.content_version < resume.content_version,
            )
            .execution_options(synchronize_session=False)
        )
        insert = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        await self.session.execute(
            insert(PdfCache)
            .values(
                resume_id=resume.id,
                content_version=resume.content_version,
                template=template,
                page_size=page_size,
                data=data,
                created_at=utcnow(),
            )
            .on_conflict_do_nothing()
        )


class ResumeRepository:
    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    def _scoped(self):
        return select(Resume).where(Resume.org_id == self.org_id)

    async def get(self, resume_id: str) -> Resume | None:
        return await self.session.scalar(self._scoped().where(Resume.id == resume_id))

    async def master(self) -> Resume | None:
        return await self.session.scalar(self._scoped().where(Resume.is_master.is_(True)))

    async def children(self, parent_id: str) -> list[Resume]:
        """The resumes tailored from this one, newest first."""
        rows = await self.session.scalars(
            self._scoped()
            .where(Resume.parent_id == parent_id)
            .order_by(Resume.created_at.desc(), Resume.id.desc())
        )
        return list(rows)

    async def tailored_since(self, since: datetime) -> list[datetime]:
        """When each tailored resume still stored was created, from ``since`` on (a tailor
        call stores one; ``strategy`` is set on those only)."""
        rows = await self.session.scalars(
            select(Resume.created_at).where(
                Resume.org_id == self.org_id,
                Resume.strategy.is_not(None),
                Resume.created_at >= since,
            )
        )
        return list(rows)

    async def add(self, resume: Resume, file: ResumeFile | None = None) -> Resume:
        resume.org_id = self.org_id
        self.session.add(resume)
        if file is not None:
            file.resume_id = resume.id
            self.session.add(file)
        await self.session.flush()
        return resume

    async def announce_parse(self) -> None:
        """Wake idle parse runners everywhere once this transaction commits a PROCESSING row."""
        await announce(self.session, PARSE_CHANNEL)

    async def clear_master(self) -> None:
        await self.session.execute(
            update(Resume)
            .where(Resume.org_id == self.org_id, Resume.is_master.is_(True))
            .values(is_master=False)
        )

    async def newest_original(self, excluding: str) -> Resume | None:
        return await self.session.scalar(
            self._scoped()
            .where(Resume.parent_id.is_(None), Resume.truth_data.is_(None), Resume.id != excluding)
            .order_by(Resume.updated_at.desc())
            .limit(1)
        )

    async def file(self, resume_id: str) -> ResumeFile | None:
        return await self.session.scalar(
            select(ResumeFile)
            .join(Resume, Resume.id == ResumeFile.resume_id)
            .where(Resume.org_id == self.org_id, ResumeFile.resume_id == resume_id)
        )

    async def delete(self, resume: Resume) -> None:
        await self.session.execute(
            delete(Resume).where(Resume.org_id == self.org_id, Resume.id == resume.id)
        )

    async def finish_parse(
        self,
        job: ClaimedJob,
        *,
        status: ResumeStatus,
        warnings: list[str],
        markdown: str | None,
        structured_data: dict[str, Any] | None,
    ) -> None:
        """Write a parse's outcome and release its lease, only while ``job`` still holds it.

        If the lease expired, or this worker was taken for dead and another one took over,
        or a client changed the status meanwhile, the write is dropped. ``None`` keeps the
        stored markdown or structured data as they are.
        """
        values: dict[str, Any] = {
            "status": status,
            "warnings": warnings,
            "lease_until": None,
            "lease_owner": None,
            "updated_at": utcnow(),
            "content_version": Resume.content_version + 1,
        }
        if markdown is not None:
            values["markdown"] = markdown
        if structured_data is not None:
            values["structured_data"] = structured_data
        result = await self.session.execute(
            update(Resume)
            .where(
                Resume.id == job.resume_id,
                Resume.org_id == self.org_id,
                Resume.status == ResumeStatus.PROCESSING,
                Resume.lease_until == job.lease_token,
                Resume.lease_owner == job.worker_id,
            )
            .values(**values)
        )
        if result.rowcount == 1:
            # In this transaction: the webhook event exists iff the outcome was stored.
            event = RESUME_PARSED if status == ResumeStatus.READY else RESUME_FAILED
            data = {"resume_id": job.resume_id, "status": str(status)}
            record_event(self.session, self.org_id, event, data)

    @staticmethod
    async def claim_next(
        session: AsyncSession,
        worker_id: str | None,
        lease: timedelta,
        *,
        stale_after: timedelta,
        skip_orgs: Collection[str] = (),
    ) -> ClaimedJob | None:
        """Lease the next resume owed a parse to ``worker_id``; None when none is free.

        Not org-scoped, by nature: one queue serves every organization, and choosing among
        them fairly is the point. Only the row's id and org leave here, and the job then
        reads the row through an org-bound repository. Never commits: a claim is held once
        the caller commits it.
        """
        now = utcnow()
        locks = session.bind.dialect.name == "postgresql"
        in_flight = _in_flight_per_org(now, stale_after)
        query = (
            select(Resume.id, Resume.org_id, Resume.parse_attempts)
            .outerjoin(in_flight, in_flight.c.org_id == Resume.org_id)
            .where(_claimable(now, stale_after))
            .order_by(func.coalesce(in_flight.c.running, 0), Resume.updated_at, Resume.id)
            # A locked row is another claimer's until it commits: skip it, take the next.
            .limit(1 if locks else CANDIDATES)
            .with_for_update(skip_locked=True, of=Resume)
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
                return ClaimedJob(resume_id, org_id, attempts + 1, lease_until, worker_id)
        return None


def _lease_is_free(now: datetime, stale_after: timedelta):
    live_workers = live_worker_ids(live_since(now, stale_after))
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
