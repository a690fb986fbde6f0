"""In-process job runner: claims PROCESSING resumes and runs the parse handler on them.

Used by `refleum serve` (embedded) and `refleum worker` (at scale). Work arrives by
``wake()`` right after an upload commits, and by polling, which also picks up rows that
a crashed process left behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta

from refleum.db import Database
from refleum.jobs.queue import ClaimedJob, claim_next

log = logging.getLogger("refleum.jobs")

Handler = Callable[[Database, ClaimedJob], Awaitable[None]]


class JobRunner:
    def __init__(
        self,
        db: Database,
        handler: Handler,
        *,
        concurrency: int,
        lease_s: float,
        poll_interval_s: float = 2.0,
    ):
        self.db = db
        self.handler = handler
        self.lease = timedelta(seconds=lease_s)
        self.poll_interval_s = poll_interval_s
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._loop_task: asyncio.Task | None = None
        self._running: set[asyncio.Task] = set()

    def wake(self) -> None:
        self._wake.set()

    async def start(self) -> None:
        self._loop_task = asyncio.create_task(self._loop(), name="refleum-job-runner")

    async def stop(self) -> None:
        if self._loop_task is not None:
            self._loop_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop_task
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)

    async def drain(self) -> None:
        """Run until no claimable job is left (tests and one-shot workers)."""
        while True:
            claimed = await self._claim()
            if claimed is None and not self._running:
                return
            if claimed is not None:
                await self._start_job(claimed)
            else:
                await asyncio.wait(set(self._running))

    async def _claim(self) -> ClaimedJob | None:
        async with self.db.sessions() as session:
            return await claim_next(session, self.lease)

    async def _loop(self) -> None:
        while True:
            await self._slots.acquire()
            self._slots.release()
            try:
                claimed = await self._claim()
            except Exception:
                log.exception("claiming a job failed; retrying after the poll interval")
                claimed = None
            if claimed is not None:
                await self._start_job(claimed)
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_interval_s)

    async def _start_job(self, claimed: ClaimedJob) -> None:
        await self._slots.acquire()
        task = asyncio.create_task(self._run(claimed), name=f"parse-{claimed.resume_id}")
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _run(self, claimed: ClaimedJob) -> None:
        try:
            await self.handler(self.db, claimed)
        except Exception:
            # The handler records failures on the row itself; anything escaping it is a
            # bug, and the row's lease makes sure the job is retried later.
            log.exception("job for %s crashed", claimed.resume_id)
        finally:
            self._slots.release()
