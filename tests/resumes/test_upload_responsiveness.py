"""Hostile uploads never stall the server: /health keeps answering while they are checked.

A real uvicorn process (one worker, as `refleum serve` runs) gets digit-run "PDFs" of
growing size while /health is polled. Before the fix 16 KB blocked the event loop over a
second and 40 KB 8.5 s; now no /health call may take 1 s (it takes milliseconds).
"""

from __future__ import annotations

import asyncio
import time

import httpx
from bench.common import uvicorn_server
from tests.documents.hostile_files import digit_run_pdf

from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan

HEALTH_LIMIT_S = 1.0
SIZES = [16 * 1024, 64 * 1024, 1024 * 1024, 8 * 1024 * 1024]


async def _key(db_url: str, tmp_path) -> str:
    from refleum.app import create_app
    from refleum.config import Settings

    app = create_app(Settings(database_url=db_url, data_dir=tmp_path), run_jobs=False)
    async with app.router.lifespan_context(app):
        async with app.state.db.sessions() as session:
            org = await orgs.create_org(session, "Hostile", Plan.PRO)
            created = await orgs.create_key(session, org.id)
            await session.commit()
    return created.secret


async def _wait_until_up(http: httpx.AsyncClient, seconds: float = 120) -> None:
    """uvicorn_server gives up waiting after 30 s; on a loaded machine a start can take longer."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if (await http.get("/api/v1/health", timeout=5)).status_code == 200:
                return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
        await asyncio.sleep(0.2)


async def _poll_health(http: httpx.AsyncClient, latencies: list[float], stop: asyncio.Event):
    while not stop.is_set():
        started = time.perf_counter()
        try:
            response = await http.get("/api/v1/health", timeout=HEALTH_LIMIT_S * 5)
            assert response.status_code == 200, response.text
        except httpx.TimeoutException:
            pass  # recorded below as the time waited
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0.02)


async def test_health_stays_responsive_during_hostile_uploads(db_url, tmp_path):
    key = await _key(db_url, tmp_path)
    env = {
        "REFLEUM_DATABASE_URL": db_url,
        "REFLEUM_DATA_DIR": str(tmp_path),
        "REFLEUM_LOG_LEVEL": "WARNING",
        "REFLEUM_PUBLIC_RPM": "100000",  # the poller is not what this test limits
        "REFLEUM_ADDRESS_RPM": "100000",
    }
    with uvicorn_server("refleum.app:create_app", env) as base:
        async with httpx.AsyncClient(base_url=base, timeout=120) as http:
            await _wait_until_up(http)
            latencies: list[float] = []
            stop = asyncio.Event()
            poller = asyncio.create_task(_poll_health(http, latencies, stop))
            await asyncio.sleep(0.3)  # a few idle samples first
            try:
                for size in SIZES:
                    response = await http.post(
                        "/api/v1/resumes",
                        headers={"Authorization": f"Bearer {key}"},
                        files={"file": ("cv.pdf", digit_run_pdf(size))},
                    )
                    assert response.status_code == 400
                    assert "holds no PDF content" in response.json()["detail"]
                    # Stop at the first stall: a bigger file would hang the old server.
                    assert max(latencies) < HEALTH_LIMIT_S, f"{size} bytes: {max(latencies):.2f} s"
                await asyncio.sleep(0.2)
            finally:
                stop.set()
                await poller
    assert len(latencies) > 10
    assert max(latencies) < HEALTH_LIMIT_S
