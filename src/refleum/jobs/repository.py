"""All SQL for job runners' identities (the ``workers`` table). Not org-scoped: a worker
serves every organization. Never commits; jobs/workers.py does, one step at a time."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Select, delete, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.jobs.models import Worker


def live_worker_ids(since: datetime) -> Select:
    """The ids of workers that heartbeat since ``since``: a subquery for a queue's claim,
    whose leases held by anyone else are free."""
    return select(Worker.id).where(Worker.heartbeat_at >= since)


class WorkerRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def add(self, worker: Worker) -> None:
        self.session.add(worker)

    async def heartbeat(self, worker_id: str, now: datetime) -> bool:
        """False when the worker's row is gone (reaped as dead meanwhile)."""
        result = await self.session.execute(
            update(Worker).where(Worker.id == worker_id).values(heartbeat_at=now)
        )
        return result.rowcount > 0

    async def delete(self, worker_id: str) -> None:
        await self.session.execute(delete(Worker).where(Worker.id == worker_id))

    async def on_host(self, hostname: str, *, except_id: str | None) -> list[tuple[str, int]]:
        """(id, pid) of the workers registered from ``hostname``, other than ``except_id``."""
        rows = await self.session.execute(
            select(Worker.id, Worker.pid).where(Worker.hostname == hostname, _not(except_id))
        )
        return [(worker_id, pid) for worker_id, pid in rows.all()]

    async def delete_dead(
        self, *, silent_since: datetime, gone: Collection[str], except_id: str | None
    ) -> int:
        """Delete the workers silent since ``silent_since`` or listed in ``gone``."""
        result = await self.session.execute(
            delete(Worker).where(
                _not(except_id),
                or_(Worker.heartbeat_at < silent_since, Worker.id.in_(list(gone))),
            )
        )
        return result.rowcount


def _not(worker_id: str | None):
    return Worker.id != worker_id if worker_id is not None else true()
