"""The processes of the load test, all owned by it and all on 127.0.0.1.

A fresh PostgreSQL database on the shared server (dropped after), a Redis server of its
own on a free port (so restarting it touches nobody else's), `refleum serve --workers N`
and `refleum worker` processes. Each is started in a session of its own so that it, and
the render and extraction processes it starts, can be ended by its process group alone.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
from cryptography.fernet import Fernet

from bench.common import free_port
from bench.load.checks import Outage

# Far above what the workload sends: the run measures the service, not the limiter, and the
# limiter's own checks use orgs with a small --rpm of their own.
UNLIMITED = 1_000_000
WORKLOAD_RPM = 100_000


def _wait(condition, timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise RuntimeError(f"load test: timed out waiting for {what}")


class Cluster:
    def __init__(self, workdir: Path, database_url: str) -> None:
        self.workdir = workdir
        self.redis_port = free_port()
        self.api_port = free_port()
        self.base_url = f"http://127.0.0.1:{self.api_port}"
        self.env = {
            # The cluster's settings are the bench's alone: none inherited from the shell.
            **{k: v for k, v in os.environ.items() if not k.startswith("REFLEUM_")},
            "PYTHONPATH": os.pathsep.join([str(Path.cwd()), *sys.path]),
            "REFLEUM_DATA_DIR": str(workdir / "data"),
            "REFLEUM_DATABASE_URL": database_url,
            "REFLEUM_REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "REFLEUM_REDIS_KEY_PREFIX": f"refleum-load-{uuid.uuid4().hex[:8]}",
            "REFLEUM_SECRET_KEY": Fernet.generate_key().decode(),
            "REFLEUM_LOG_LEVEL": "WARNING",
            "REFLEUM_ADDRESS_RPM": str(UNLIMITED),
            "REFLEUM_PUBLIC_RPM": str(UNLIMITED),
            "REFLEUM_PLANS": json.dumps({"enterprise": {"requests_per_minute": WORKLOAD_RPM}}),
        }
        self._groups: list[int] = []  # every process group started, ended at close()
        self._kinds: dict[int, str] = {}
        self.redis: subprocess.Popen | None = None
        self.api: subprocess.Popen | None = None
        self.api_processes = 0
        self.workers: list[subprocess.Popen] = []

    # -- processes -------------------------------------------------------------------------

    def _start(self, args: list[str], log: str, kind: str) -> subprocess.Popen:
        out = open(self.workdir / log, "ab")  # noqa: SIM115 - the child keeps it
        proc = subprocess.Popen(
            args, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        out.close()
        self._groups.append(proc.pid)
        self._kinds[proc.pid] = kind
        return proc

    def _refleum(self, *args: str, log: str, kind: str) -> subprocess.Popen:
        return self._start([sys.executable, "-m", "refleum", *args], log, kind)

    def group_kinds(self) -> dict[int, str]:
        """Process group → "api", "worker" or "redis": what cpu.CpuMeter measures."""
        return dict(self._kinds)

    def close(self) -> None:
        for group in reversed(self._groups):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for group in self._groups:
            while time.monotonic() < deadline and _group_alive(group):
                time.sleep(0.1)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)

    # -- Redis -----------------------------------------------------------------------------

    def start_redis(self) -> None:
        self.redis = self._start(
            [
                "redis-server",
                "--port",
                str(self.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            "redis.log",
            "redis",
        )
        _wait(self.redis_answers, 10, "Redis to answer")

    def stop_redis(self) -> None:
        """Kill -9: what a crash or an out-of-memory kill does, nothing saved."""
        assert self.redis is not None
        self.redis.kill()
        self.redis.wait()

    def redis_answers(self) -> bool:
        ping = subprocess.run(
            ["redis-cli", "-p", str(self.redis_port), "ping"], capture_output=True, text=True
        )
        return ping.stdout.strip() == "PONG"

    # -- API -------------------------------------------------------------------------------

    def health(self) -> dict | None:
        try:
            response = httpx.get(f"{self.base_url}/api/v1/health", timeout=5)
        except httpx.HTTPError:
            return None
        return response.json()["data"] if response.status_code == 200 else None

    def start_api(self, processes: int) -> None:
        self.api_processes = processes
        self.api = self._refleum(
            "serve",
            "--port",
            str(self.api_port),
            "--workers",
            str(processes),
            "--no-bootstrap",
            log="api.log",
            kind="api",
        )
        _wait(lambda: self.health() is not None, 120, "the API to answer")
        if processes > 1:
            _wait(lambda: len(self.api_children()) == processes, 60, "every API process")

    def stop_api(self) -> None:
        if self.api is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.api.pid, signal.SIGTERM)
            try:
                self.api.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.api.pid, signal.SIGKILL)
                self.api.wait()
            self.api, self.api_processes = None, 0

    def api_children(self) -> set[int]:
        """The API processes uvicorn's parent started (its multiprocessing children)."""
        assert self.api is not None
        children = Path(f"/proc/{self.api.pid}/task/{self.api.pid}/children")
        found = set()
        for pid in children.read_text().split() if children.exists() else []:
            with contextlib.suppress(FileNotFoundError):
                if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    found.add(int(pid))
        return found

    def kill_api_process(self) -> Outage:
        """kill -9 one API process; back when a replacement serves (ours or uvicorn's)."""
        assert self.api is not None
        if self.api_processes == 1:
            started = time.time()
            os.kill(self.api.pid, signal.SIGKILL)
            self.api.wait()
            self.start_api(1)
        else:
            victim = min(self.api_children())
            started = time.time()
            os.kill(victim, signal.SIGKILL)
            _wait(
                lambda: (
                    victim not in (now := self.api_children()) and len(now) == self.api_processes
                ),
                90,
                "uvicorn to replace the killed API process",
            )
            _wait(lambda: self.health() is not None, 60, "the API to answer")
        return Outage("API process", started, time.time())

    # -- workers ---------------------------------------------------------------------------

    def start_worker(self) -> None:
        self.workers.append(
            self._refleum("worker", log=f"worker{len(self.workers)}.log", kind="worker")
        )

    def kill_worker(self) -> None:
        """kill -9 the oldest worker (its claimed parses must be picked up) and start one."""
        victim = self.workers.pop(0)
        victim.kill()
        victim.wait()
        self.start_worker()

    # -- operator CLI ----------------------------------------------------------------------

    def cli(self, *args: str) -> dict:
        output = subprocess.check_output(
            [sys.executable, "-m", "refleum", *args, "--json"], env=self.env
        )
        return json.loads(output)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True
