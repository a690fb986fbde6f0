"""Helpers for the idempotency tests: keyed headers, stable headers, a request held open."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from sqlalchemy import func, select

from refleum.errors import NotFound
from refleum.idempotency.deps import IdempotencyKey
from refleum.idempotency.models import IdempotencyRecord
from refleum.limits.enforce import OrgRateLimit

# Added around the stored response on every send: fresh each time, never replayed.
PER_SEND = {"x-request-id", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"}


def keyed(org, key: str) -> dict[str, str]:
    return {**org.headers, "Idempotency-Key": key}


def stored_headers(response) -> list[tuple[str, str]]:
    return [(k, v) for k, v in response.headers.multi_items() if k not in PER_SEND]


async def count_records(app) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(IdempotencyRecord))


class Probe:
    """A keyed test route: it can be held open, made to fail, and counts its runs."""

    def __init__(self):
        self.runs = 0
        self.entered = asyncio.Event()
        self.release = asyncio.Event()
        self.release.set()
        self.fail_with: str | None = None
        self.router = APIRouter(prefix="/api/v1", dependencies=[OrgRateLimit, IdempotencyKey])

        @self.router.post("/probe", status_code=201)
        async def probe(request: Request) -> dict:
            self.runs += 1
            self.entered.set()
            await self.release.wait()
            if self.fail_with == "crash":
                raise RuntimeError("probe crashed")
            if self.fail_with == "404":
                raise NotFound("probe")
            return {"data": {"run": self.runs, "body": (await request.body()).decode()}}

    def hold(self) -> None:
        self.entered.clear()
        self.release.clear()
