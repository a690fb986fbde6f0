"""Two `refleum` server processes on one PostgreSQL share their Idempotency-Keys."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from tests.idempotency.support import keyed
from tests.live_server import live_server
from tests.resumes.test_upload import RESUMES, count_rows
from tests.samples import sample_pdf


def _upload(base: str, org, key: str) -> httpx.Response:
    files = {"file": ("cv.pdf", sample_pdf())}
    return httpx.post(f"{base}{RESUMES}", headers=keyed(org, key), files=files, timeout=60)


async def test_a_retry_answered_by_another_process_is_a_replay(backend, settings, app, org):
    if backend != "postgres":
        pytest.skip("two processes on one database: the PostgreSQL deployment")
    env = {
        "REFLEUM_DATABASE_URL": settings.effective_database_url,
        "REFLEUM_DATA_DIR": str(settings.data_dir),
    }
    with live_server(env) as one, live_server(env) as two:
        first = await asyncio.to_thread(_upload, one, org, "two-processes")
        again = await asyncio.to_thread(_upload, two, org, "two-processes")
    assert first.status_code == again.status_code == 201, first.text
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json()["data"]["resume_id"] == first.json()["data"]["resume_id"]
    assert await count_rows(app) == (1, 1)
