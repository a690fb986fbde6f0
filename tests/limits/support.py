"""Helpers for the limits tests: apps with chosen settings, bursts of concurrent requests."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections import Counter
from collections.abc import AsyncIterator

import httpx

from refleum.app import create_app
from refleum.config import Settings

RESUMES = "/api/v1/resumes"


@contextlib.asynccontextmanager
async def running_app(settings: Settings, *routers) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, run_jobs=False)
    for router in routers:
        app.include_router(router)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            http.app = app  # type: ignore[attr-defined]
            yield http


def away_from_window_edge(margin_s: float = 3.0) -> None:
    """In-memory windows are aligned to the minute: a burst straddling one is weighed
    against the previous window (the sliding-window approximation), so start clear of it."""
    into_window = time.time() % 60
    if into_window > 60 - margin_s:
        time.sleep(60 - into_window + 0.05)


async def burst(
    clients: list[httpx.AsyncClient], url: str, headers: dict[str, str], total: int
) -> Counter[int]:
    """``total`` requests at once, spread round-robin over the clients (servers)."""
    responses = await asyncio.gather(
        *(clients[i % len(clients)].get(url, headers=headers) for i in range(total))
    )
    for response in responses:
        if response.status_code == 429:
            assert response.json()["error"] == "RATE_LIMITED"
            assert int(response.headers["Retry-After"]) >= 1
    return Counter(r.status_code for r in responses)


REDIS_URL = os.environ.get("REFLEUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
