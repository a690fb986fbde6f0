"""Uploads against a real `refleum serve`-like process: bursts, then upload → READY latency.

Finding 3 of issue #11: on SQLite, uploads answered 500 `database is locked` under
concurrency. Every upload must answer 201 and every resume must end READY.
REFLEUM_DATABASE_URL=postgresql+psycopg://… runs the bursts on PostgreSQL instead.

Upload → READY (issue #17, part 2; docs/performance.md): one-page PDFs uploaded one at a
time, each polled with GET /resumes/{id} every 10 ms until READY, on SQLite and on a fresh
PostgreSQL database; p50/p95 from the upload's request to the GET that reads READY. Twice:
parsed by the API process itself (`refleum serve`), whose first upload after start is
shown apart (the sandbox's process server starting), and parsed by a `refleum worker`
process alone (PostgreSQL), first with REFLEUM_JOB_NOTIFY=false (the worker polls every
2 s, as before) then with LISTEN/NOTIFY, in the same run; there each upload comes after a
random pause, as real ones do, rather than in step with the worker's poll.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
from sqlalchemy import create_engine, func, select

from bench.common import (
    bench_org,
    fresh_pg_database,
    percentile,
    postgres_reachable,
    unlimited_env,
    uvicorn_server,
)
from refleum import models_registry  # noqa: F401 - every mapper, for the foreign keys
from refleum.db import Database
from refleum.jobs.models import Worker
from refleum.resumes.models import Resume

RESUME_PDF = (Path(__file__).parent.parent / "examples" / "resume.pdf").read_bytes()
ROUNDS = ((15, 1), (12, 4), (60, 20), (50, 50))  # (uploads, at once)
LATENCY_UPLOADS = 30
POLL_S = 0.01
# Before an upload to a worker: uploads sent back to back would each land just after the
# polling worker's last look and wait its whole interval; real ones come at any time.
WORKER_PAUSE_S = 2.0
CLAIM_POLL_S = 0.002
# A worker process registers two runners (parse jobs, async requests).
RUNNERS_PER_WORKER = 2


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


async def claimed_after(db: Database, resume_id: str, since: float) -> float:
    """Seconds from ``since`` until a runner holds the row's lease (or finished it)."""
    while True:
        async with db.sessions() as session:
            owner, status = (
                await session.execute(
                    select(Resume.lease_owner, Resume.status).where(Resume.id == resume_id)
                )
            ).one()
        if owner is not None or status != "PROCESSING":
            return time.perf_counter() - since
        await asyncio.sleep(CLAIM_POLL_S)


async def upload_to_ready(
    base: str,
    headers: dict[str, str],
    total: int,
    pause_s: float = 0.0,
    claims: tuple[Database, list[float]] | None = None,
) -> list[float]:
    """Seconds from sending each upload to the first GET that reads READY, one at a time,
    after a random pause of up to ``pause_s`` (seeded, the same in every run). With
    ``claims``, also the seconds from the upload's answer (it committed) to its claim."""
    samples: list[float] = []
    pauses = random.Random(17)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
        for n in range(total):
            await asyncio.sleep(pauses.uniform(0, pause_s))
            started = time.perf_counter()
            response = await client.post(
                "/api/v1/resumes", files={"file": (f"r{n}.pdf", RESUME_PDF)}
            )
            response.raise_for_status()
            resume_id = response.json()["data"]["resume_id"]
            if claims is not None:
                db, claim_samples = claims
                claim_samples.append(await claimed_after(db, resume_id, time.perf_counter()))
            while True:
                status = (await client.get(f"/api/v1/resumes/{resume_id}")).json()["data"]
                if status["status"] != "PROCESSING":
                    break
                await asyncio.sleep(POLL_S)
            if status["status"] != "READY":
                raise RuntimeError(f"{resume_id} ended {status['status']}: {status['warnings']}")
            samples.append(time.perf_counter() - started)
    return samples


def latency(label: str, samples_s: list[float]) -> str:
    ms = [s * 1000 for s in samples_s]
    return (
        f"  {label:<52} p50 {percentile(ms, 50):6.0f} ms  p95 {percentile(ms, 95):6.0f} ms  "
        f"max {max(ms):6.0f} ms  n={len(ms)}"
    )


def registered_runners(database_url: str) -> int:
    engine = create_engine(database_url.replace("+aiosqlite", ""))
    try:
        with engine.connect() as conn:
            return conn.scalar(select(func.count()).select_from(Worker.__table__))
    finally:
        engine.dispose()


@contextlib.contextmanager
def worker_processes(env: dict[str, str], count: int) -> Iterator[None]:
    """``count`` `refleum worker` processes, yielded once all of them are registered."""
    processes = [
        subprocess.Popen([sys.executable, "-m", "refleum", "worker"], env={**os.environ, **env})
        for _ in range(count)
    ]
    try:
        deadline = time.monotonic() + 120
        while registered_runners(env["REFLEUM_DATABASE_URL"]) < count * RUNNERS_PER_WORKER:
            if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                raise RuntimeError("the worker processes did not start")
            time.sleep(0.1)
        yield
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def embedded_latency(env: dict[str, str]) -> None:
    _, headers = bench_org(env)
    with uvicorn_server("refleum.app:create_app", env) as base:
        first = asyncio.run(upload_to_ready(base, headers, 1))
        samples = asyncio.run(upload_to_ready(base, headers, LATENCY_UPLOADS))
    print(latency("parsed by serve: first upload after start", first))
    print(latency("parsed by serve", samples))


def worker_latency(env: dict[str, str]) -> None:
    _, headers = bench_org(env)
    with uvicorn_server("bench.api_only_app:create_app", env) as base:
        for label, notify in (("poll every 2 s (before)", "false"), ("LISTEN/NOTIFY", "true")):
            with worker_processes({**env, "REFLEUM_JOB_NOTIFY": notify}, 1):
                samples, claims = asyncio.run(
                    _worker_run(env["REFLEUM_DATABASE_URL"], base, headers)
                )
            print(latency(f"parsed by 1 worker process, {label}", samples))
            # Far less moved by other work on the machine than the parse itself.
            print(latency("  of which: commit -> claimed by the worker", claims))


async def _worker_run(url: str, base: str, headers: dict[str, str]):
    db, claims = Database(url), []
    try:
        samples = await upload_to_ready(
            base, headers, LATENCY_UPLOADS, pause_s=WORKER_PAUSE_S, claims=(db, claims)
        )
    finally:
        await db.dispose()
    return samples, claims


def upload_to_ready_figures() -> None:
    print(
        f"\nupload -> READY, one-page PDF, one upload at a time, polled every "
        f"{POLL_S * 1000:g} ms ({os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.1f} at the start):"
    )
    with tempfile.TemporaryDirectory() as data_dir:
        env = unlimited_env(data_dir)
        env["REFLEUM_DATABASE_URL"] = f"sqlite+aiosqlite:///{data_dir}/refleum.db"
        print(" SQLite")
        embedded_latency(env)
    if not postgres_reachable():
        print(" PostgreSQL: not reachable, skipped")
        return
    with tempfile.TemporaryDirectory() as data_dir, fresh_pg_database() as url:
        env = {**unlimited_env(data_dir), "REFLEUM_DATABASE_URL": url}
        print(" PostgreSQL")
        embedded_latency(env)
        worker_latency(env)


def main() -> None:
    upload_bursts()
    upload_to_ready_figures()


def upload_bursts() -> None:
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
