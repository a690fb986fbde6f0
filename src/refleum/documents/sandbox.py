"""Run an untrusted-input job in a throw-away child process with hard limits.

One ``multiprocessing.Process`` per job rather than a ``ProcessPoolExecutor``: a pool
cannot stop one runaway task (cancel() leaves it running), and killing a pool worker
breaks the whole pool for later calls. A process per job can be killed on its own and
leaves nothing behind. The forkserver start method keeps the child cheap to start
(preloaded imports) without forking the caller's threads and event loop.
"""

from __future__ import annotations

import math
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import threading
from collections.abc import Callable
from typing import Any

from refleum.documents.errors import ExtractionFailed

MAX_CONCURRENT_JOBS = 2  # the machine's cores; more would only queue inside the kernel
# Untrusted documents are parsed at low CPU priority: with every core busy extracting,
# the API process still gets the CPU first and keeps answering (finding 4 of issue #11).
CHILD_NICENESS = 10

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["refleum.documents.extract"])
_slots = threading.BoundedSemaphore(MAX_CONCURRENT_JOBS)


def start_server() -> None:
    """Start the server children fork from now, not on the first job: its start and its
    preloaded imports (~0.4 s idle, ~1 s on a busy machine) were the first upload's wait.
    Blocking but short (the imports run in the server, after this returns); idempotent."""
    multiprocessing.forkserver.ensure_running()


def run_isolated(func: Callable[..., Any], *args: Any, timeout_s: float, max_memory_mb: int) -> Any:
    """``func(*args)`` in a child limited in wall time, CPU time and address space.

    Blocking; call it from a thread. ``func`` and its result must be picklable.
    Raises ExtractionFailed with a reason a user can read.
    """
    with _slots:
        receiver, sender = _context.Pipe(duplex=False)
        child = _context.Process(
            target=_child_main, args=(sender, func, args, timeout_s, max_memory_mb), daemon=True
        )
        child.start()
        sender.close()
        try:
            return _await_result(receiver, child, timeout_s)
        finally:
            if child.is_alive():
                child.kill()
            child.join()
            receiver.close()


def _await_result(receiver, child, timeout_s: float) -> Any:
    if not receiver.poll(timeout_s):
        raise ExtractionFailed(f"Extraction took longer than {timeout_s:g} s")
    try:
        status, payload = receiver.recv()
    except EOFError:
        child.join()
        raise ExtractionFailed(_death_reason(child.exitcode)) from None
    if status == "ok":
        return payload
    raise ExtractionFailed(payload)


def _death_reason(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return "Extraction was stopped: it used too much CPU time or memory, or crashed"
    return "Extraction stopped unexpectedly"


def _child_main(sender, func, args, timeout_s: float, max_memory_mb: int) -> None:
    os.nice(CHILD_NICENESS)
    limit = max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = math.ceil(timeout_s) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        message = ("ok", func(*args))
    except ExtractionFailed as exc:
        message = ("failed", exc.reason)
    except MemoryError:
        message = ("failed", "Extraction ran out of memory")
    except Exception:  # the reason stays generic: internals never reach a user
        message = ("failed", "The document could not be read")
    try:
        sender.send(message)
    finally:
        sender.close()
