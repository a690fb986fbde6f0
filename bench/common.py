"""Helpers shared by benchmarks: percentiles, a uvicorn server in a subprocess, a load loop,
the app in-process with an org and READY resumes."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx

from refleum import migrate
from refleum.app import create_app
from refleum.config import Settings
from refleum.db import Database
from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan
from refleum.resume_data import ResumeData
from refleum.resumes import service as resumes
from refleum.resumes.schemas import ResumePatch


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summarize_ms(samples_s: list[float]) -> str:
    ms = [s * 1000 for s in samples_s]
    return (
        f"p50 {percentile(ms, 50):7.2f} ms  p95 {percentile(ms, 95):7.2f} ms  "
        f"mean {statistics.fmean(ms):7.2f} ms  n={len(ms)}"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def uvicorn_server(
    target: str, env: dict[str, str] | None = None, factory: bool = True
) -> Iterator[str]:
    """Serve an ASGI app in its own process, exactly as `refleum serve` does (one worker)."""
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "uvicorn",
        target,
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    if factory:
        args.append("--factory")
    proc = subprocess.Popen(args, env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    try:
        # Only an upper bound: a loaded 2-core machine (a full test run) can take 30 s to start.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                httpx.get(base + "/", timeout=1)
                break
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a server stuck in C code never sees SIGTERM
            proc.kill()
            proc.wait()


async def _load(
    url: str, headers: dict[str, str], total: int, concurrency: int
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    queue = iter(range(total))
    async with httpx.AsyncClient(headers=headers, timeout=30) as client:

        async def worker() -> None:
            for _ in queue:
                start = time.perf_counter()
                response = await client.get(url)
                latencies.append(time.perf_counter() - start)
                response.raise_for_status()

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - started, latencies


def load(
    url: str, headers: dict[str, str] | None = None, total: int = 1500, concurrency: int = 8
) -> dict[str, float]:
    asyncio.run(_load(url, headers or {}, 100, concurrency))  # warm-up
    elapsed, latencies = asyncio.run(_load(url, headers or {}, total, concurrency))
    ms = [s * 1000 for s in latencies]
    return {"rps": total / elapsed, "p50": percentile(ms, 50), "p99": percentile(ms, 99)}


def refleum_cli(env: dict[str, str], *args: str) -> dict:
    """Runs `refleum … --json` against the benchmark's own data dir; returns its JSON."""
    output = subprocess.check_output(
        [sys.executable, "-m", "refleum", *args], env={**os.environ, **env}
    )
    return json.loads(output)


def bench_org(env: dict[str, str], rpm: int | None = None) -> tuple[str, dict[str, str]]:
    """An Enterprise org for a benchmark, through the operator CLI: (org_id, auth headers)."""
    org_id = refleum_cli(env, "orgs", "create", "Bench", "--plan", "enterprise", "--json")["org_id"]
    if rpm is not None:
        refleum_cli(env, "orgs", "update", org_id, "--rpm", str(rpm), "--json")
    key = refleum_cli(env, "keys", "create", "--org", org_id, "--json")["key"]
    return org_id, {"Authorization": f"Bearer {key}"}


def unlimited_env(data_dir: str) -> dict[str, str]:
    """A server's environment for measuring an endpoint, not the rate limiter."""
    return {
        "REFLEUM_DATA_DIR": data_dir,
        "REFLEUM_LOG_LEVEL": "WARNING",
        "REFLEUM_RATE_LIMITS_ENABLED": "false",
    }


@dataclasses.dataclass
class InProcessApi:
    """The real app, called in-process: ``http`` carries an Enterprise org's key."""

    app: Any
    http: httpx.AsyncClient
    org_id: str

    async def ready_resume(self, data: ResumeData, pdf: bytes) -> str:
        """A READY upload holding ``data``, made as an integrator's PATCH would (no parse run)."""
        async with self.app.state.db.sessions() as session:
            resume = await resumes.create_upload(
                session, self.org_id, filename="cv.pdf", kind="pdf", data=pdf, set_as_master=False
            )
            patch = ResumePatch(structuredData=data.model_dump(), status="READY")
            await resumes.patch_resume(session, self.org_id, resume.id, patch)
            await session.commit()
        return resume.id


@contextlib.asynccontextmanager
async def in_process_api(data_dir: str) -> AsyncIterator[InProcessApi]:
    """The app as `refleum serve` builds it (migrated SQLite in ``data_dir``, every route and
    middleware), without a server process, so a bench of hundreds of requests measures
    the product and not the sockets. Rate limits are off: the limiter is not measured."""
    settings = Settings(data_dir=Path(data_dir), rate_limits_enabled=False, log_level="WARNING")
    db = Database(settings.effective_database_url)
    await migrate.upgrade(db.engine)
    await db.dispose()
    app = create_app(settings, run_jobs=False)
    async with app.router.lifespan_context(app):
        async with app.state.db.sessions() as session:
            org = await orgs.create_org(session, "Bench", Plan.ENTERPRISE)
            key = await orgs.create_key(session, org.id)
            await session.commit()
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://bench",
            headers={"Authorization": f"Bearer {key.secret}"},
            timeout=120,
        ) as http:
            yield InProcessApi(app, http, org.id)


# --- PostgreSQL databases and wrk, for benchmarks that run on both backends -----------------

PG_ADMIN_DSN = os.environ.get("REFLEUM_TEST_PG_DSN", "postgresql://127.0.0.1:5432/test")


@contextlib.contextmanager
def fresh_pg_database(prefix: str = "refleum_bench") -> Iterator[str]:
    """A new, empty PostgreSQL database for one run (as tests/conftest.py makes them):
    its SQLAlchemy URL; dropped afterwards, so runs never see each other's rows."""
    import uuid

    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_reachable() -> bool:
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN_DSN, connect_timeout=3):
            return True
    except psycopg.Error:
        return False
