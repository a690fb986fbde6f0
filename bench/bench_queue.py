"""Parse throughput of the queue on PostgreSQL: documents per second with 1 and 2 worker
processes (issue #17, part 4; docs/performance.md).

For each count, a fresh database, that many `refleum worker` processes (registered and
idle before anything is queued), then one transaction queues DOCS one-page PDFs, as that
many uploads would: its commit NOTIFYs the idle workers, which share the rows by
FOR UPDATE SKIP LOCKED claims. Measured from that commit until no row is PROCESSING; every
row must end READY. Each process runs two parses at once (its sandbox's limit), so on a
2-core machine one process already uses both cores.
"""

from __future__ import annotations

import asyncio
import collections
import os
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from bench.bench_uploads import worker_processes
from bench.common import bench_org, fresh_pg_database, postgres_reachable, unlimited_env
from refleum import models_registry  # noqa: F401 - every mapper, for the foreign keys
from refleum.db import Database
from refleum.resumes import service
from refleum.resumes.models import Resume

RESUME_PDF = (Path(__file__).parent.parent / "examples" / "resume.pdf").read_bytes()
DOCS = 40
WORKER_COUNTS = (1, 2)


async def queue_and_drain(url: str, org_id: str, docs: int) -> tuple[float, dict[str, int]]:
    """Seconds from the commit that queues ``docs`` parses until none is PROCESSING, and
    the statuses the rows ended with."""
    db = Database(url)
    try:
        async with db.sessions() as session:
            for n in range(docs):
                await service.create_upload(
                    session,
                    org_id,
                    filename=f"r{n}.pdf",
                    kind="pdf",
                    data=RESUME_PDF,
                    set_as_master=False,
                )
            started = time.perf_counter()
            await session.commit()
        while True:
            async with db.sessions() as session:
                rows = await session.execute(
                    select(Resume.status, func.count()).group_by(Resume.status)
                )
                statuses = collections.Counter(dict(rows.all()))
            if not statuses["PROCESSING"]:
                return time.perf_counter() - started, dict(statuses)
            await asyncio.sleep(0.02)
    finally:
        await db.dispose()


def main() -> None:
    if not postgres_reachable():
        print("PostgreSQL not reachable: skipped")
        return
    load = os.getloadavg()[0]
    print(
        f"parse throughput on PostgreSQL, {DOCS} one-page PDFs queued in one commit "
        f"({os.cpu_count()} cores, load average {load:.1f} at the start):"
    )
    for count in WORKER_COUNTS:
        with tempfile.TemporaryDirectory() as data_dir, fresh_pg_database() as url:
            env = {**unlimited_env(data_dir), "REFLEUM_DATABASE_URL": url}
            org_id, _ = bench_org(env)
            with worker_processes(env, count):
                elapsed, statuses = asyncio.run(queue_and_drain(url, org_id, DOCS))
        print(
            f"  {count} worker process{'es' if count > 1 else '  '}: {DOCS / elapsed:5.1f} "
            f"documents/s ({elapsed:5.2f} s; {statuses})"
        )
