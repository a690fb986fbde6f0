"""Helpers for the job tests: uploaded rows, leases left by other workers, processes."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from sqlalchemy import select, update
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

from refleum.db import utcnow
from refleum.jobs.models import Worker
from refleum.resumes.models import Resume


async def uploaded(client, org) -> str:
    return (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]


async def uploads(client, org, count: int) -> list[str]:
    return [await uploaded(client, org) for _ in range(count)]


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


def worker(worker_id: str, *, hostname: str, pid: int, heartbeat_age_s: float = 0) -> Worker:
    beat = utcnow() - timedelta(seconds=heartbeat_age_s)
    return Worker(id=worker_id, hostname=hostname, pid=pid, started_at=beat, heartbeat_at=beat)


def dead_pid() -> int:
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    return finished.pid


def sleeping_process() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
