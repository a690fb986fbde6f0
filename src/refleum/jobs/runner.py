"""In-process job runner: claims jobs from a domain's queue and runs them, a few at a time.

Generic: the domain feeds it two callables, ``claim`` (lease the next job, or None) and
``run`` (do it, recording the outcome itself), so the queue's SQL stays with the domain
that owns its rows (the parse queue: resumes/repository.py, wired in app.py and cli.py).
Used by `refleum serve` (embedded) and `refleum worker` (at scale). Work arrives by
``wake()`` right after an upload commits in this process; on PostgreSQL, from any
process, by a notification on the queue's channel (jobs/wakeups.py); and by polling,
which also picks up jobs that a crashed process left behind or whose lease ran out.
Each runner is a named worker with a heartbeat; on start it reaps dead workers, so a
restart takes their jobs over at once.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

from refleum.config import Settings
from refleum.db import Database
from refleum.jobs import workers
from refleum.jobs.wakeups import Listener, listens

log = logging.getLogger("refleum.jobs")


class Job(Protocol):
    """What the runner reads of a claimed job: its organization, whose share of the slots
    it uses, and an id for logs and task names."""

    @property
    def id(self) -> str: ...

    @property
    def org_id(self) -> str: ...


@dataclass(frozen=True)
class ClaimTerms:
    """What a claim must respect: the lease goes to ``worker_id`` for ``lease``; a worker
    silent for ``stale_after`` holds nothing; ``skip_orgs`` already hold their share."""

    worker_id: str | None
    lease: timedelta
    stale_after: timedelta
    skip_orgs: tuple[str, ...] = ()


Claim = Callable[[Database, ClaimTerms], Awaitable[Job | None]]
Run = Callable[[Database, Job], Awaitable[None]]

# A worker is dead once it missed this many heartbeats.
MISSED_HEARTBEATS = 3
# How often an idle runner looks for work nobody told it about: jobs queued in another
# process (SQLite), leases run out, a missed notification. A listening runner is told of
# every job queued anywhere, so its poll is only that fallback and can be slow.
POLL_S = 2.0
FALLBACK_POLL_S = 5.0


def default_per_org(concurrency: int) -> int:
    """Every slot but one: another organization's upload always finds a free slot."""
    return max(1, concurrency - 1)


class JobRunner:
    def __init__(
        self,
        db: Database,
        claim: Claim,
        run: Run,
        *,
        concurrency: int,
        lease_s: float,
        poll_interval_s: float | None = None,
        heartbeat_s: float = 5.0,
        per_org: int | None = None,
        channel: str | None = None,
        prepare: Callable[[], Awaitable[None]] | None = None,
    ):
        self.db = db
        self.claim = claim
        self.run = run
        self.lease = timedelta(seconds=lease_s)
        # ``channel``: the queue's notification channel; listened to on PostgreSQL only.
        self.listener = (
            Listener(db.url, channel, self.wake) if channel and listens(db.url) else None
        )
        if poll_interval_s is None:
            poll_interval_s = FALLBACK_POLL_S if self.listener else POLL_S
        self.poll_interval_s = poll_interval_s
        # Run on start, before the first claim: what the first job should not wait for.
        self.prepare = prepare
        self.heartbeat_s = heartbeat_s
        self.stale_after = timedelta(seconds=heartbeat_s * MISSED_HEARTBEATS)
        self.per_org = per_org or default_per_org(concurrency)
        self.worker_id: str | None = None
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._loop_task: asyncio.Task | None = None
        self._heartbeat_task: asyncio.Task | None = None
        self._running: set[asyncio.Task] = set()
        self._running_per_org: collections.Counter[str] = collections.Counter()

    @classmethod
    def for_settings(
        cls,
        db: Database,
        claim: Claim,
        run: Run,
        settings: Settings,
        *,
        channel: str | None,
        prepare: Callable[[], Awaitable[None]] | None = None,
    ) -> JobRunner:
        return cls(
            db,
            claim,
            run,
            concurrency=settings.parse_workers,
            lease_s=settings.parse_lease_s,
            heartbeat_s=settings.worker_heartbeat_s,
            per_org=settings.parse_workers_per_org,
            channel=channel if settings.job_notify else None,
            prepare=prepare,
        )

    def wake(self) -> None:
        self._wake.set()

    async def start(self) -> None:
        if self.prepare is not None:
            await self.prepare()
        await self._register()
        if self.listener is not None:
            self.listener.start()
        self._heartbeat_task = asyncio.create_task(self._heartbeats(), name="refleum-heartbeat")
        self._loop_task = asyncio.create_task(self._loop(), name="refleum-job-runner")

    async def stop(self) -> None:
        if self.listener is not None:
            await self.listener.stop()
        for background in (self._loop_task, self._heartbeat_task):
            if background is not None:
                background.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await background
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)
        if self.worker_id is not None:
            try:
                await workers.retire(self.db, self.worker_id)
            except Exception:
                # Not fatal: our heartbeat stops, so the leases free up once it is stale.
                log.exception("could not retire worker %s", self.worker_id)
            self.worker_id = None

    async def drain(self) -> None:
        """Run until no claimable job is left (tests and one-shot workers)."""
        await self._register()
        while True:
            claimed = await self._claim()
            if claimed is None and not self._running:
                return
            if claimed is not None:
                await self._start_job(claimed)
            else:
                await asyncio.wait(set(self._running))

    async def _register(self) -> None:
        if self.worker_id is None:
            # Reap first: rows held by a process that died on this host are free at once.
            await workers.reap(self.db, None, self.stale_after, check_pids=True)
            self.worker_id = await workers.register(self.db)

    async def _heartbeats(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat_s)
            try:
                await workers.heartbeat(self.db, self.worker_id)
                if await workers.reap(self.db, self.worker_id, self.stale_after):
                    self.wake()  # their rows are claimable now
            except Exception:
                log.exception("worker heartbeat failed; retrying")

    def _orgs_at_their_share(self) -> list[str]:
        return [org for org, running in self._running_per_org.items() if running >= self.per_org]

    async def _claim(self) -> Job | None:
        terms = ClaimTerms(
            self.worker_id, self.lease, self.stale_after, tuple(self._orgs_at_their_share())
        )
        return await self.claim(self.db, terms)

    async def _loop(self) -> None:
        while True:
            await self._slots.acquire()
            self._slots.release()
            self._wake.clear()  # before claiming: a wake() during the claim is not lost
            try:
                claimed = await self._claim()
            except Exception:
                log.exception("claiming a job failed; retrying after the poll interval")
                claimed = None
            if claimed is not None:
                await self._start_job(claimed)
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_interval_s)

    async def _start_job(self, claimed: Job) -> None:
        await self._slots.acquire()
        self._running_per_org[claimed.org_id] += 1
        task = asyncio.create_task(self._run(claimed), name=f"job-{claimed.id}")
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _run(self, claimed: Job) -> None:
        try:
            await self.run(self.db, claimed)
        except Exception:
            # ``run`` records failures on the job itself; anything escaping it is a bug,
            # and the job's lease makes sure it is retried later.
            log.exception("job %s crashed", claimed.id)
        finally:
            self._running_per_org[claimed.org_id] -= 1
            if self._running_per_org[claimed.org_id] <= 0:
                del self._running_per_org[claimed.org_id]
            self._slots.release()
            self.wake()  # an organization held back by its share may go again
