"""CPU time the load test's own processes used: a figure the machine's other work does not skew.

Throughput on a shared machine depends on what else runs; the CPU seconds a request costs
do not, so capacity on paper (docs/deploy.md) divides by them. Processes are sampled
every half second by process group (each API or worker process started by the harness
leads one, with the render and extraction processes it starts), so a process killed
mid-run loses at most its last half second.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import psutil


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


class CpuMeter(threading.Thread):
    """CPU seconds used, per kind, by the processes of the groups ``groups()`` names."""

    def __init__(self, groups: Callable[[], dict[int, str]], every_s: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.groups, self.every_s = groups, every_s
        self._baseline: dict[tuple[int, float], float] = {}
        self._last: dict[tuple[int, float], tuple[str, float]] = {}
        self._done = threading.Event()

    def sample(self, first: bool = False) -> None:
        kinds = self.groups()
        for process in psutil.process_iter():
            try:
                kind = kinds.get(os.getpgid(process.pid))
                if kind is None:
                    continue
                used = cpu_seconds(process)
                key = (process.pid, process.create_time())
            except (psutil.Error, ProcessLookupError):
                continue
            if key not in self._baseline:
                # Processes already running when measuring starts count from then on.
                self._baseline[key] = used if first else 0.0
            self._last[key] = (kind, used)

    def run(self) -> None:
        self.sample(first=True)
        while not self._done.wait(self.every_s):
            self.sample()

    def stop(self) -> dict[str, float]:
        self._done.set()
        self.join()
        return self.totals()

    def totals(self) -> dict[str, float]:
        """CPU seconds per kind from the start until now (sampled now)."""
        self.sample()
        totals: dict[str, float] = {}
        for key, (kind, used) in self._last.items():
            totals[kind] = totals.get(kind, 0.0) + used - self._baseline[key]
        return totals
