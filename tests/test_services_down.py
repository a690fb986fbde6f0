"""`make test` with PostgreSQL or Redis down: one line naming it, and how to run SQLite only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from bench.common import free_port

ROOT = Path(__file__).resolve().parent.parent


def run_pytest(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_ids.py"],
        env={**os.environ, "REFLEUM_TEST_BACKENDS": "sqlite,postgres", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("variable", "url", "name"),
    [
        ("REFLEUM_TEST_PG_DSN", "postgresql://127.0.0.1:{port}/test", "PostgreSQL"),
        ("REFLEUM_TEST_REDIS_URL", "redis://127.0.0.1:{port}/0", "Redis"),
    ],
)
def test_a_service_down_stops_the_run_with_one_line(variable, url, name):
    done = run_pytest({variable: url.format(port=free_port())})
    assert done.returncode == 3
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    [line] = [line for line in output.splitlines() if "is down" in line][:1]
    assert f"{name} (" in line
    assert "REFLEUM_TEST_BACKENDS=sqlite make test" in line
    assert "passed" not in output  # nothing ran
