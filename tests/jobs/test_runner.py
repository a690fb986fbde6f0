"""Finding 7 of issue #11: rows claimed by a dead worker do not wait out its lease.

After `kill -9` and a restart, the claimed rows stayed PROCESSING ~290 s (the lease).
Leases now name their worker; a worker with a stale heartbeat, or a process of this
host that is gone, holds nothing, and a starting runner reaps such workers at once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from tests.api.test_resume_upload import upload
from tests.samples import sample_pdf

from refleum.db import utcnow
from refleum.jobs.models import Worker
from refleum.jobs.runner import JobRunner
from refleum.jobs.workers import HOSTNAME, process_is_gone
from refleum.resumes.models import Resume
from refleum.resumes.repository import ClaimedJob
from refleum.resumes.tasks import claim_parse, parse_resume_job

HANGING_WORKER = Path(__file__).parent.parent / "fakes" / "hanging_worker.py"


async def statuses(app, ids) -> dict[str, str]:
    async with app.state.db.sessions() as session:
        rows = await session.execute(select(Resume.id, Resume.status).where(Resume.id.in_(ids)))
        return dict(rows.all())


async def leased_by(app, resume_id: str, worker: Worker) -> None:
    """The row as a worker left it when it claimed the row and then stopped answering."""
    async with app.state.db.sessions() as session:
        session.add(worker)
        await session.execute(
            update(Resume)
            .where(Resume.id == resume_id)
            .values(
                lease_owner=worker.id,
                lease_until=utcnow() + timedelta(minutes=5),
                parse_attempts=1,
            )
        )
        await session.commit()


def dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def sleeping_process() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])


def worker(worker_id: str, *, hostname: str, pid: int, heartbeat_age_s: float = 0) -> Worker:
    beat = utcnow() - timedelta(seconds=heartbeat_age_s)
    return Worker(id=worker_id, hostname=hostname, pid=pid, started_at=beat, heartbeat_at=beat)


async def uploaded(client, org) -> str:
    return (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]


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


async def test_a_worker_that_lost_its_lease_cannot_finish_the_job(client, app, org):
    resume_id = await uploaded(client, org)
    await leased_by(app, resume_id, worker("wkr_new_owner", hostname="elsewhere", pid=1))
    async with app.state.db.sessions() as session:
        lease_until = await session.scalar(select(Resume.lease_until).where(Resume.id == resume_id))
    # Same lease_until, other worker: the old owner's result must be dropped.
    stale = ClaimedJob(resume_id, org.org_id, 1, lease_until, worker_id="wkr_old_owner")
    await parse_resume_job(app.state.db, stale)
    assert await statuses(app, [resume_id]) == {resume_id: "PROCESSING"}


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


def test_which_local_processes_count_as_gone():
    alive = sleeping_process()
    try:
        assert not process_is_gone(alive.pid)
        alive.kill()  # killed but not reaped: a zombie still answers kill(pid, 0)
        deadline = time.monotonic() + 10
        while not process_is_gone(alive.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process_is_gone(alive.pid)
    finally:
        alive.wait()
    assert process_is_gone(dead_pid())
    # Our own pid in another worker's row: a restarted container reuses its pid.
    assert process_is_gone(os.getpid())


@pytest.mark.timeout(300)
async def test_refleum_worker_retires_itself_on_sigterm(app, db_url, tmp_path):
    env = {**os.environ, "REFLEUM_DATABASE_URL": db_url, "REFLEUM_DATA_DIR": str(tmp_path)}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "refleum", "worker", env=env
    )
    try:
        deadline = time.monotonic() + 120
        while await registered_pids(app) != [process.pid]:
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
