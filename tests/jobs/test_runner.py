"""The job runner: fed any claim and run, fair across organizations, and quick to take
over the jobs of a dead worker.

Finding 7 of issue #11: after `kill -9` and a restart, the claimed rows stayed PROCESSING
~290 s (the lease). Leases now name their worker; a worker with a stale heartbeat, or a
process of this host that is gone, holds nothing, and a starting runner reaps such
workers at once. Finding 4 (scheduling): two huge documents of one org delayed another
org's parse from 1.5 s to 61.5 s, both parse slots busy with the first org's work; one
org may now hold at most all slots but one.
"""

from __future__ import annotations

import asyncio
import collections
import os
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select
from tests.jobs.support import (
    dead_pid,
    leased_by,
    sleeping_process,
    statuses,
    uploaded,
    uploads,
    worker,
)

from refleum.jobs.models import Worker
from refleum.jobs.runner import ClaimTerms, JobRunner
from refleum.jobs.workers import HOSTNAME
from refleum.resumes.tasks import claim_parse, parse_resume_job

HANGING_WORKER = Path(__file__).parent.parent / "fakes" / "hanging_worker.py"


@dataclass(frozen=True)
class FakeJob:
    id: str
    org_id: str


class ListQueue:
    """A queue in memory: the runner needs nothing of resumes, only a claim and a run."""

    def __init__(self, jobs: list[FakeJob]):
        self.waiting = list(jobs)
        self.terms: list[ClaimTerms] = []
        self.done: list[str] = []

    async def claim(self, _db, terms: ClaimTerms) -> FakeJob | None:
        self.terms.append(terms)
        for job in self.waiting:
            if job.org_id not in terms.skip_orgs:
                self.waiting.remove(job)
                return job
        return None

    async def run(self, _db, job: FakeJob) -> None:
        await asyncio.sleep(0.05)
        self.done.append(job.id)


async def test_the_runner_runs_whatever_its_claim_hands_out(app):
    jobs = [FakeJob(f"job{i}", "org_busy" if i < 4 else "org_other") for i in range(6)]
    queue = ListQueue(jobs)
    runner = JobRunner(app.state.db, queue.claim, queue.run, concurrency=3, lease_s=300)
    await runner.drain()
    assert sorted(queue.done) == sorted(job.id for job in jobs)
    # Every claim names the runner's worker, and an org at its share (2 of 3) is skipped.
    assert {terms.worker_id for terms in queue.terms} == {runner.worker_id}
    assert any(terms.skip_orgs == ("org_busy",) for terms in queue.terms)


async def test_a_crashing_run_frees_its_slot(app):
    queue = ListQueue([FakeJob("boom", "org"), FakeJob("fine", "org")])
    crashed: collections.Counter[str] = collections.Counter()

    async def run(db, job) -> None:
        if job.id == "boom":
            crashed[job.id] += 1
            raise RuntimeError("a bug in the run")
        await queue.run(db, job)

    await JobRunner(app.state.db, queue.claim, run, concurrency=1, lease_s=300).drain()
    assert crashed == {"boom": 1} and queue.done == ["fine"]


async def test_rows_of_a_dead_process_on_this_host_are_reclaimed_at_once(client, app, org):
    resume_id = await uploaded(client, org)
    await leased_by(app, resume_id, worker("wkr_dead", hostname=HOSTNAME, pid=dead_pid()))
    restarted = JobRunner(app.state.db, claim_parse, parse_resume_job, concurrency=1, lease_s=300)
    await restarted.drain()
    assert await statuses(app, [resume_id]) == {resume_id: "READY"}
    async with app.state.db.sessions() as session:
        assert await session.get(Worker, "wkr_dead") is None  # reaped


async def test_rows_of_a_worker_with_a_stale_heartbeat_are_reclaimed(client, app, org):
    resume_id = await uploaded(client, org)
    silent = worker("wkr_silent", hostname="elsewhere", pid=1, heartbeat_age_s=3600)
    await leased_by(app, resume_id, silent)
    # No reaping needed: the claim itself treats a stale owner's lease as free.
    runner = JobRunner(app.state.db, claim_parse, parse_resume_job, concurrency=1, lease_s=300)
    runner.worker_id = "wkr_runner"
    await runner.drain()
    assert await statuses(app, [resume_id]) == {resume_id: "READY"}


async def test_a_live_workers_lease_is_not_stolen(client, app, org):
    alive = sleeping_process()
    try:
        local_id, remote_id = await uploaded(client, org), await uploaded(client, org)
        await leased_by(app, local_id, worker("wkr_local", hostname=HOSTNAME, pid=alive.pid))
        await leased_by(app, remote_id, worker("wkr_remote", hostname="elsewhere", pid=1))
        await JobRunner(
            app.state.db, claim_parse, parse_resume_job, concurrency=2, lease_s=300
        ).drain()
        assert await statuses(app, [local_id, remote_id]) == {
            local_id: "PROCESSING",
            remote_id: "PROCESSING",
        }
    finally:
        alive.kill()
        alive.wait()


@pytest.mark.timeout(300)
async def test_kill_9_mid_parse_then_restart_finishes_the_rows_within_seconds(
    client, app, org, db_url
):
    ids = [await uploaded(client, org), await uploaded(client, org)]
    hanging = await asyncio.create_subprocess_exec(
        sys.executable, str(HANGING_WORKER), db_url, stdout=asyncio.subprocess.PIPE
    )
    try:
        for _ in ids:  # both rows claimed (lease 300 s) and hanging mid-parse
            line = await asyncio.wait_for(hanging.stdout.readline(), 90)
            assert line.startswith(b"claimed res_"), line
    finally:
        os.kill(hanging.pid, signal.SIGKILL)
        await hanging.wait()
    assert set((await statuses(app, ids)).values()) == {"PROCESSING"}

    started = time.monotonic()
    restarted = JobRunner(app.state.db, claim_parse, parse_resume_job, concurrency=2, lease_s=300)
    await restarted.start()
    try:
        while set((await statuses(app, ids)).values()) != {"READY"}:
            # ~1 s here; generous for a loaded machine, yet far below the 300 s lease
            # the dead worker's rows would otherwise wait out.
            assert time.monotonic() - started < 150, await statuses(app, ids)
            await asyncio.sleep(0.2)
    finally:
        await restarted.stop()


@pytest.mark.timeout(300)
async def test_refleum_worker_retires_itself_on_sigterm(app, db_url, tmp_path):
    env = {**os.environ, "REFLEUM_DATABASE_URL": db_url, "REFLEUM_DATA_DIR": str(tmp_path)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "refleum", "worker", env=env
    )
    try:
        deadline = time.monotonic() + 120
        # Two runners, one process: parse jobs and async requests (async_jobs/runs.py).
        while await registered_pids(app) != [process.pid, process.pid]:
            assert time.monotonic() < deadline, "the worker did not register"
            await asyncio.sleep(0.2)
        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 60) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert await registered_pids(app) == []  # its leases were free at once


async def registered_pids(app) -> list[int]:
    async with app.state.db.sessions() as session:
        return list(await session.scalars(select(Worker.pid)))


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


async def test_a_runner_prepares_before_its_first_claim(app):
    # The parse runner starts the extraction sandbox so (resumes/tasks.parse_job_runner).
    order: list[str] = []
    queue = ListQueue([FakeJob("job", "org")])

    async def prepare() -> None:
        order.append("prepare")

    async def claim(db, terms):
        order.append("claim")
        return await queue.claim(db, terms)

    runner = JobRunner(app.state.db, claim, queue.run, concurrency=1, lease_s=300, prepare=prepare)
    await runner.start()
    try:
        while not queue.done:  # noqa: ASYNC110 - the fake queue has no event to wait on
            await asyncio.sleep(0.01)
    finally:
        await runner.stop()
    assert order[:2] == ["prepare", "claim"] and order.count("prepare") == 1
