"""How long the event loop's thread computes in one step, in CPU time.

A test that a slow step runs off the loop must not time answers on the wall clock: on a
loaded machine a free loop still answers late (it waits for the GIL and for a core). The
CPU time the loop's own thread spends in one callback does not grow with load, and a
step that computes on the loop (the defect) shows up as seconds of it.
"""

from __future__ import annotations

import asyncio.events
import contextlib
import gc
import time
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class LoopCpu:
    longest_step_s: float = 0.0
    steps: int = 0


@contextlib.contextmanager
def loop_cpu_per_step() -> Iterator[LoopCpu]:
    """Records the longest CPU time one event-loop callback took while the block runs.

    The cyclic garbage collector is paused meanwhile: a full collection late in a long test
    process walks every object of the session and costs a second of CPU in whichever step it
    lands, which is the test process's heap, not the step's work (seen once in CI, 1.07 s).
    """
    seen = LoopCpu()
    original = asyncio.events.Handle._run

    def timed_run(handle: asyncio.events.Handle) -> None:
        started = time.thread_time()
        try:
            original(handle)
        finally:
            seen.steps += 1
            seen.longest_step_s = max(seen.longest_step_s, time.thread_time() - started)

    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    asyncio.events.Handle._run = timed_run
    try:
        yield seen
    finally:
        asyncio.events.Handle._run = original
        if was_enabled:
            gc.enable()
