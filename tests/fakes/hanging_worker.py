"""A job runner process whose parses never finish: `kill -9` it mid-parse in a test.

It runs the production JobRunner (registration, heartbeat, claims) with a handler that
prints the claimed resume id and hangs, like a worker stuck on a huge document.
Usage: python hanging_worker.py DATABASE_URL
"""

from __future__ import annotations

import asyncio
import sys

from refleum.db import Database
from refleum.jobs.runner import JobRunner
from refleum.resumes.tasks import claim_parse


async def main(url: str) -> None:
    db = Database(url)

    async def hangs(_db, job) -> None:
        print(f"claimed {job.resume_id}", flush=True)
        await asyncio.Event().wait()

    runner = JobRunner(db, claim_parse, hangs, concurrency=2, per_org=2, lease_s=300, heartbeat_s=1)
    await runner.start()
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
