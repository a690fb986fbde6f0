"""`refleum serve --workers N`: N API processes on one port, a killed one replaced.

The load test (bench/load) kills one API process under traffic and relies on the others
answering meanwhile and on the parent starting a new one; this proves both on a real
server (SQLite, in-process rate limits: nothing else is needed to run the processes).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from refleum import cli

pytestmark = pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_children(pid: int) -> set[int]:
    """uvicorn's worker processes: the children the parent started with multiprocessing."""
    found = set()
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
        if b"spawn_main" in cmdline:
            found.add(int(child))
    return found


def _two_children(pid: int) -> set[int] | None:
    found = _server_children(pid)
    return found if len(found) == 2 else None


def _wait_for(condition, timeout_s: float, what: str):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.timeout(180)
def test_two_worker_processes_serve_one_port_and_a_killed_one_is_replaced(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "REFLEUM_DATA_DIR": str(tmp_path),
        "REFLEUM_LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    env.pop("REFLEUM_DATABASE_URL", None)
    env.pop("REFLEUM_REDIS_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "refleum", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for(lambda: _healthy(base), 120, "the server to answer")
        workers = _wait_for(lambda: _two_children(server.pid), 60, "two worker processes")
        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        # The other process keeps serving while the parent replaces the dead one.
        assert _healthy(base)
        replaced = _wait_for(
            lambda: (found := _two_children(server.pid)) and victim not in found and found,
            90,
            "the killed worker's replacement",
        )
        assert replaced - workers, "no new process was started"
        _wait_for(lambda: _healthy(base), 30, "the server to answer after the restart")
        assert server.poll() is None, "the parent process died with its worker"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_workers_below_one_is_refused_before_anything_starts(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLEUM_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(cli.app, ["serve", "--workers", "0"])
    assert result.exit_code == 2
    assert "--workers" in result.output
    assert not (tmp_path / "refleum.db").exists()


def test_served_app_builds_the_app_from_the_environment(tmp_path, monkeypatch):
    from refleum.config import get_settings

    monkeypatch.setenv("REFLEUM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REFLEUM_PUBLIC_RPM", "7")
    get_settings.cache_clear()
    try:
        app = cli.served_app()
        assert app.state.settings.public_rpm == 7
        assert app.state.settings.data_dir == tmp_path
    finally:
        get_settings.cache_clear()
