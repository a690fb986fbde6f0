"""Finding 3 of issue #11: concurrent uploads to a real server process all answer 201.

On SQLite, uploads failed with 500 "database is locked" (51 of 60 at 20 at once) while
the server's own parse jobs wrote to the same file. Here a real uvicorn process (parse
jobs running in it) takes 50 uploads at once, and every resume must end READY.
"""

from __future__ import annotations

import asyncio
import collections
import time

import pytest
from bench.bench_uploads import upload_burst
from bench.common import uvicorn_server
from sqlalchemy import select

from refleum.resumes.models import Resume

UPLOADS = 50


async def final_statuses(db, ids: list[str], timeout_s: float) -> collections.Counter:
    deadline = time.monotonic() + timeout_s
    while True:
        async with db.sessions() as session:
            rows = await session.scalars(select(Resume.status).where(Resume.id.in_(ids)))
            statuses = collections.Counter(rows)
        if not statuses["PROCESSING"] or time.monotonic() > deadline:
            return statuses
        await asyncio.sleep(0.5)


# Above pytest's 120 s default: a server start plus 50 parses on a loaded 2-core machine.
@pytest.mark.timeout(420)
async def test_50_concurrent_uploads_all_answer_201_and_end_ready(app, org, db_url, tmp_path):
    env = {
        "REFLEUM_DATABASE_URL": db_url,
        "REFLEUM_DATA_DIR": str(tmp_path / "server"),
        "REFLEUM_RATE_LIMITS_ENABLED": "false",
        "REFLEUM_LOG_LEVEL": "WARNING",
    }
    with uvicorn_server("refleum.app:create_app", env) as base:
        statuses, ids = await upload_burst(base, org.headers, UPLOADS, concurrency=UPLOADS)
        assert statuses == {201: UPLOADS}
        # Generous: 50 parses take ~10 s here; a stuck row would stay PROCESSING forever.
        parsed = await final_statuses(app.state.db, ids, timeout_s=180)
    assert parsed == {"READY": UPLOADS}
