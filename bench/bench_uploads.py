"""Concurrent uploads against a real `refleum serve`-like process while its parse jobs run.

Finding 3 of issue #11: on SQLite, uploads answered 500 `database is locked` under
concurrency. Every upload must answer 201 and every resume must end READY.
REFLEUM_DATABASE_URL=postgresql+psycopg://… runs it on PostgreSQL instead.
"""

from __future__ import annotations

import asyncio
import collections
import os
import tempfile
import time
from pathlib import Path

import httpx

from bench.common import bench_org, unlimited_env, uvicorn_server

RESUME_PDF = (Path(__file__).parent.parent / "examples" / "resume.pdf").read_bytes()
ROUNDS = ((15, 1), (12, 4), (60, 20), (50, 50))  # (uploads, at once)


async def upload_burst(
    base: str, headers: dict[str, str], total: int, concurrency: int
) -> tuple[collections.Counter, list[str]]:
    """Uploads ``total`` resumes, ``concurrency`` at a time: (status counts, created ids)."""
    statuses: collections.Counter = collections.Counter()
    created: list[str] = []
    slots = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:

        async def one(n: int) -> None:
            async with slots:
                response = await client.post(
                    "/api/v1/resumes", files={"file": (f"r{n}.pdf", RESUME_PDF)}
                )
            if response.status_code == 201:
                statuses[201] += 1
                created.append(response.json()["data"]["resume_id"])
            else:  # keep what the client saw, e.g. 500 INTERNAL_ERROR
                statuses[f"{response.status_code} {response.text[:60]}"] += 1

        await asyncio.gather(*(one(n) for n in range(total)))
    return statuses, created


async def wait_until_parsed(
    base: str, headers: dict[str, str], ids: list[str], timeout_s: float
) -> collections.Counter:
    """Polls until no resume is PROCESSING (or the timeout): counts of final statuses."""
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        while True:
            statuses = collections.Counter()
            for resume_id in ids:
                response = await client.get(f"/api/v1/resumes/{resume_id}")
                statuses[response.json()["data"]["status"]] += 1
            if not statuses["PROCESSING"] or time.monotonic() > deadline:
                return statuses
            await asyncio.sleep(0.5)


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        env = unlimited_env(data_dir)
        print(f"database: {os.environ.get('REFLEUM_DATABASE_URL', 'SQLite (default)')}")
        _, headers = bench_org(env)
        with uvicorn_server("refleum.app:create_app", env) as base:
            for total, concurrency in ROUNDS:
                started = time.perf_counter()
                statuses, ids = asyncio.run(upload_burst(base, headers, total, concurrency))
                uploaded = time.perf_counter() - started
                parsed = asyncio.run(wait_until_parsed(base, headers, ids, 300))
                print(
                    f"{total:3d} uploads, {concurrency:2d} at once: {dict(statuses)} "
                    f"in {uploaded:5.1f} s; then {dict(parsed)} after "
                    f"{time.perf_counter() - started:5.1f} s"
                )
