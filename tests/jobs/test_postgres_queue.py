"""The queue on PostgreSQL (issue #17, part 4): claims with FOR UPDATE SKIP LOCKED, idle
runners woken by LISTEN/NOTIFY rather than their poll, and leases that still free a
crashed worker's job. On real PostgreSQL only: SQLite has neither row locks nor
notifications (its runners poll, see test_a_runner_listens_only_on_postgresql).

Promptness is shown without wall-clock thresholds: the runners here poll once an hour,
so a job they run within the test's generous timeout was started by a notification.
"""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import OperationalError
from tests.conftest import BACKENDS
from tests.jobs.support import statuses, uploaded, uploads, worker

from refleum.config import Settings
from refleum.db import Database, utcnow
from refleum.jobs import workers
from refleum.jobs.api_queue import ApiJobRepository, new_job
from refleum.jobs.api_queue import claim_next as claim_api_job
from refleum.jobs.runner import ClaimTerms, JobRunner
from refleum.resumes.models import Resume
from refleum.resumes.repository import PARSE_CHANNEL, ClaimedJob, ResumeRepository
from refleum.resumes.tasks import claim_parse, parse_job_runner, parse_resume_job

LEASE = timedelta(minutes=5)
STALE_AFTER = timedelta(seconds=15)
AN_HOUR = 3600.0  # the runners' poll here: anything they do sooner, a notification caused
PROMPTLY_S = 60  # only a bound for a stuck test; a notified runner takes well under 1 s


@pytest.fixture
def backend() -> str:
    if "postgres" not in BACKENDS:
        pytest.skip("PostgreSQL only (REFLEUM_TEST_BACKENDS has no postgres)")
    return "postgres"


async def claim_in(session, me: str) -> ClaimedJob | None:
    return await ResumeRepository.claim_next(session, me, LEASE, stale_after=STALE_AFTER)


async def test_concurrent_claimers_never_take_the_same_row(client, app, org):
    ids = await uploads(client, org, 12)
    me = [await workers.register(app.state.db) for _ in range(6)]
    claimed: list[str] = []

    async def claimer(worker_id: str) -> None:
        terms = ClaimTerms(worker_id, LEASE, STALE_AFTER)
        while (job := await claim_parse(app.state.db, terms)) is not None:
            claimed.append(job.resume_id)

    await asyncio.gather(*(claimer(worker_id) for worker_id in me))
    assert sorted(claimed) == sorted(ids)  # every row once, none twice


async def test_a_claimer_skips_a_row_locked_by_another_claim_instead_of_waiting(client, app, org):
    first, second = await uploads(client, org, 2)
    a, b = await workers.register(app.state.db), await workers.register(app.state.db)
    async with app.state.db.sessions() as holding, app.state.db.sessions() as other:
        held = await claim_in(holding, a)  # locked, not yet committed
        assert held is not None and held.resume_id == first
        # Waiting for the lock would fail here instead of hanging: the claim must skip it.
        await other.execute(text("SET LOCAL lock_timeout = '2s'"))
        taken = await claim_in(other, b)
        assert taken is not None and taken.resume_id == second
        await other.commit()
        await holding.commit()
    async with app.state.db.sessions() as session:
        owners = dict((await session.execute(select(Resume.id, Resume.lease_owner))).all())
    assert owners == {first: a, second: b}


async def test_a_claim_whose_connection_dies_before_commit_frees_its_row(client, app, org):
    resume_id = await uploaded(client, org)
    a, b = await workers.register(app.state.db), await workers.register(app.state.db)
    dying = app.state.db.sessions()
    try:
        pid = await dying.scalar(text("SELECT pg_backend_pid()"))
        assert (await claim_in(dying, a)).resume_id == resume_id
        async with app.state.db.sessions() as other:
            await other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            await other.commit()
            # The worker crashed mid-claim: its lock and its uncommitted lease went with it.
            taken = await claim_in(other, b)
            await other.commit()
    finally:
        with contextlib.suppress(OperationalError):  # its connection is gone
            await dying.close()
    assert taken is not None and taken.resume_id == resume_id and taken.attempt == 1


async def test_api_jobs_concurrent_claimers_never_take_the_same_job(app, org):
    async with app.state.db.sessions() as session:
        jobs = [new_job(org.org_id, "tailor", {"n": n}) for n in range(10)]
        for job in jobs:
            await ApiJobRepository(session, org.org_id).add(job)
        await session.commit()
    me = [await workers.register(app.state.db) for _ in range(5)]
    claimed: list[str] = []

    async def claimer(worker_id: str) -> None:
        while True:
            async with app.state.db.sessions() as session:
                job = await claim_api_job(session, worker_id, LEASE, stale_after=STALE_AFTER)
                await session.commit()
            if job is None:
                return
            claimed.append(job.id)

    await asyncio.gather(*(claimer(worker_id) for worker_id in me))
    assert sorted(claimed) == sorted(job.id for job in jobs)


def idle_runner(app, ran: asyncio.Event, done: list[str]) -> tuple[JobRunner, asyncio.Event]:
    """A parse runner that polls once an hour, and an event set once it is idle and
    listening: a claim that started after LISTEN found nothing."""
    idle = asyncio.Event()
    runner: JobRunner

    async def claim(db, terms):
        listening = runner.listener.listening.is_set()
        claimed = await claim_parse(db, terms)
        if claimed is None and listening:
            idle.set()
        return claimed

    async def run(db, job) -> None:
        await parse_resume_job(db, job)
        done.append(job.resume_id)
        ran.set()

    runner = JobRunner(
        app.state.db,
        claim,
        run,
        concurrency=2,
        lease_s=300,
        poll_interval_s=AN_HOUR,
        heartbeat_s=AN_HOUR,
        channel=PARSE_CHANNEL,
    )
    return runner, idle


async def test_an_upload_wakes_an_idle_runner_by_notification(client, app, org):
    ran, done = asyncio.Event(), []
    runner, idle = idle_runner(app, ran, done)
    await runner.start()
    try:
        await asyncio.wait_for(idle.wait(), PROMPTLY_S)
        # The app's own runner is not started (run_jobs=False): only NOTIFY can tell ours.
        resume_id = await uploaded(client, org)
        await asyncio.wait_for(ran.wait(), PROMPTLY_S)
    finally:
        await runner.stop()
    assert done == [resume_id]
    assert await statuses(app, [resume_id]) == {resume_id: "READY"}


async def test_a_retry_wakes_an_idle_runner_by_notification(client, app, org):
    resume_id = await uploaded(client, org)
    async with app.state.db.sessions() as session:
        await session.execute(update(Resume).values(status="FAILED"))
        await session.commit()
    ran, done = asyncio.Event(), []
    runner, idle = idle_runner(app, ran, done)
    await runner.start()
    try:
        await asyncio.wait_for(idle.wait(), PROMPTLY_S)
        response = await client.post(f"/api/v1/resumes/{resume_id}/retry", headers=org.headers)
        assert response.status_code == 200
        await asyncio.wait_for(ran.wait(), PROMPTLY_S)
    finally:
        await runner.stop()
    assert done == [resume_id]


async def test_a_rolled_back_enqueue_notifies_nobody(client, app, org):
    ran, done = asyncio.Event(), []
    runner, idle = idle_runner(app, ran, done)
    await runner.start()
    try:
        await asyncio.wait_for(idle.wait(), PROMPTLY_S)
        before = runner.listener.notifications
        async with app.state.db.sessions() as session:
            await ResumeRepository(session, org.org_id).announce_parse()
            await session.rollback()
        resume_id = await uploaded(client, org)  # a committed one, after it
        await asyncio.wait_for(ran.wait(), PROMPTLY_S)
    finally:
        await runner.stop()
    # PostgreSQL delivers in commit order: had the rolled-back NOTIFY been sent, its wake
    # would have come before the upload's.
    assert runner.listener.notifications == before + 1
    assert done == [resume_id]


async def test_a_dropped_listener_reconnects_and_still_wakes_its_runner(client, app, org):
    ran, done = asyncio.Event(), []
    runner, idle = idle_runner(app, ran, done)
    await runner.start()
    try:
        await asyncio.wait_for(idle.wait(), PROMPTLY_S)
        connections = runner.listener.connections
        async with app.state.db.sessions() as session:
            terminated = await session.scalar(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = :name AND datname = current_database()"
                ),
                {"name": f"refleum-listen-{PARSE_CHANNEL}"},
            )
        assert terminated == 1
        # It notices the dead connection, and is back: the reconnection's LISTEN counts.
        await asyncio.wait_for(reconnected(runner.listener, connections), PROMPTLY_S)
        resume_id = await uploaded(client, org)
        await asyncio.wait_for(ran.wait(), PROMPTLY_S)
    finally:
        await runner.stop()
    assert done == [resume_id]


async def reconnected(listener, connections: int) -> None:
    # A counter, not an event: the listener has no reason to signal its reconnections.
    while listener.connections == connections or not listener.listening.is_set():  # noqa: ASYNC110
        await asyncio.sleep(0.05)


async def test_a_crashed_workers_expired_lease_is_claimed_again_and_nothing_is_lost(
    client, app, org
):
    resume_id = await uploaded(client, org)
    # A worker on another host claimed the row, then hung: its heartbeat still looks
    # alive, but the lease ran out, so the row is free again.
    async with app.state.db.sessions() as session:
        session.add(worker("wkr_hung", hostname="elsewhere", pid=1))
        await session.execute(
            update(Resume)
            .where(Resume.id == resume_id)
            .values(
                lease_owner="wkr_hung",
                lease_until=utcnow() - timedelta(seconds=1),
                parse_attempts=1,
            )
        )
        await session.commit()
    ran, done = asyncio.Event(), []
    runner, _ = idle_runner(app, ran, done)
    await runner.start()
    try:
        await asyncio.wait_for(ran.wait(), PROMPTLY_S)
    finally:
        await runner.stop()
    async with app.state.db.sessions() as session:
        resume = await session.get(Resume, resume_id)
    assert resume.status == "READY" and resume.parse_attempts == 2
    assert resume.structured_data and resume.markdown  # parsed from the stored original
    assert resume.lease_owner is None


async def test_a_runner_listens_only_on_postgresql(db_url, tmp_path):
    sqlite = Database(f"sqlite+aiosqlite:///{tmp_path / 'q.db'}")
    postgres = Database(db_url)
    try:
        for db, notify, listening, poll in (
            (sqlite, True, False, 2.0),
            (postgres, True, True, 5.0),
            (postgres, False, False, 2.0),
        ):
            settings = Settings(database_url=db.url, data_dir=tmp_path, job_notify=notify)
            runner = parse_job_runner(db, settings, secrets=None)
            assert (runner.listener is not None, runner.poll_interval_s) == (listening, poll)
    finally:
        await sqlite.dispose()
        await postgres.dispose()
