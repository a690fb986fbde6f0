"""Runs wrk (the C load generator) and reads its report, with the CPU it used.

A Python load generator saturates before a bare FastAPI endpoint does (issue #17), so the
API benchmark drives the server with wrk. Its CPU time is measured (from its rusage) so a
run can show the client was not the bottleneck.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass

INSTALL_HINT = "wrk is not installed: `apt-get install wrk` (Debian/Ubuntu), then rerun"

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class WrkResult:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    wrk_cpu_s: float  # user + system CPU wrk used
    wall_s: float

    @property
    def errors(self) -> int:
        return self.non_2xx + self.socket_errors

    @property
    def wrk_core_share(self) -> float:
        """wrk's CPU as a share of one core over the run (1.0 = one core busy)."""
        return self.wrk_cpu_s / self.wall_s


def available() -> bool:
    return shutil.which("wrk") is not None


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS_MS[unit]


def parse(report: str) -> dict[str, float]:
    """The figures of a ``wrk --latency`` report."""
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", report
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", report)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", report).group(1)),
        "p50_ms": _ms(re.search(r"^\s+50%\s+(\S+)", report, re.M).group(1)),
        "p99_ms": _ms(re.search(r"^\s+99%\s+(\S+)", report, re.M).group(1)),
        "requests": int(re.search(r"(\d+) requests in", report).group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in socket.groups()) if socket else 0,
    }


def run(
    url: str,
    headers: dict[str, str] | None = None,
    *,
    threads: int = 2,
    connections: int = 16,
    seconds: int = 10,
    script: str | None = None,
) -> WrkResult:
    """``script``: a wrk Lua script (``-s``), e.g. one that picks each request's path."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in (headers or {}).items():
        args += ["-H", f"{name}: {value}"]
    if script is not None:
        args += ["-s", script]
    started = time.perf_counter()
    proc = subprocess.Popen(args + [url], stdout=subprocess.PIPE, text=True)
    # wait4 gives this child's own rusage (not every child's, as RUSAGE_CHILDREN would).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    report = proc.stdout.read()
    proc.stdout.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"wrk failed ({proc.returncode}):\n{report}")
    figures = parse(report)
    return WrkResult(**figures, wrk_cpu_s=usage.ru_utime + usage.ru_stime, wall_s=wall)


def paths_in_turn_script(paths: list[str], directory: str) -> str:
    """Writes a wrk Lua script sending ``paths`` in turn (each thread from its own start);
    returns its file name. The headers given with -H still go with every request."""
    listed = ", ".join(f'"{p}"' for p in paths)
    body = (
        f"local paths = {{{listed}}}\n"
        "local i = math.random(#paths)\n"
        "request = function()\n"
        "  i = i % #paths + 1\n"
        '  return wrk.format("GET", paths[i])\n'
        "end\n"
    )
    name = os.path.join(directory, "paths_in_turn.lua")
    with open(name, "w") as script:
        script.write(body)
    return name
