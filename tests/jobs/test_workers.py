"""Worker liveness: registering, heartbeats, reaping the dead, and which processes count
as gone when a runner starts."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from sqlalchemy import select
from tests.jobs.support import dead_pid, sleeping_process, worker

from refleum.jobs import workers
from refleum.jobs.models import Worker
from refleum.jobs.workers import process_is_gone


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


async def test_a_reaped_worker_that_lives_on_registers_again_on_its_heartbeat(app):
    db = app.state.db
    me = await workers.register(db)
    assert await workers.reap(db, None, timedelta(seconds=-1)) == 1  # everyone looks silent
    await workers.heartbeat(db, me)
    async with db.sessions() as session:
        assert (await session.get(Worker, me)).pid == os.getpid()


async def test_reaping_spares_the_reaper_and_the_live(app):
    db = app.state.db
    me, other = await workers.register(db), await workers.register(db)
    async with db.sessions() as session:
        session.add(worker("wkr_silent", hostname="elsewhere", pid=1, heartbeat_age_s=3600))
        await session.commit()
    assert await workers.reap(db, me, timedelta(seconds=15)) == 1
    await workers.retire(db, other)
    async with db.sessions() as session:
        assert set(await session.scalars(select(Worker.id))) == {me}


async def test_a_starting_runner_never_reaps_a_sibling_runner_of_its_own_process(app):
    """Parse jobs and async requests run in one process: both rows carry our pid."""
    db = app.state.db
    sibling = await workers.register(db)
    assert await workers.reap(db, None, timedelta(seconds=60), check_pids=True) == 0
    async with db.sessions() as session:
        assert await session.get(Worker, sibling) is not None
    await workers.retire(db, sibling)
