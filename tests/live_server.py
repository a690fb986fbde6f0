"""A migrated Refleum served by uvicorn in its own process, for tests that need real HTTP."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
from bench.common import uvicorn_server

# Startup imports WeasyPrint and friends: slow on a loaded 2-core machine.
READY_TIMEOUT_S = 120


@contextlib.contextmanager
def live_server(env: dict[str, str]) -> Iterator[str]:
    full_env = {**os.environ, "REFLEUM_LOG_LEVEL": "WARNING", **env}
    if "REFLEUM_DATABASE_URL" not in env:
        full_env.pop("REFLEUM_DATABASE_URL", None)  # the data dir's SQLite file
    subprocess.run([sys.executable, "-m", "refleum", "migrate"], env=full_env, check=True)
    with uvicorn_server("refleum.app:create_app", env=full_env) as base:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/v1/health", timeout=5).status_code < 500:
                    break
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        yield base
