"""One long-lived render process: WeasyPrint loads once, then renders job after job.

A process, not a thread, because a render past its deadline must stop at once: a thread
cannot be killed and would keep burning a core for as long as its layout takes, while a
process is killed and replaced. Like the extraction sandbox (documents/sandbox.py) it
starts from the forkserver, so the child never inherits the server's threads and event
loop. Unlike it, the process stays up between jobs: importing WeasyPrint costs ~1 s, far
more than rendering a normal resume.
"""

from __future__ import annotations

import multiprocessing
import resource
from collections.abc import Callable
from typing import Any

import refleum.documents.sandbox  # noqa: F401 - configures the shared forkserver's preload
from refleum.documents.render.errors import RenderFailed

_context = multiprocessing.get_context("forkserver")

# A render of a resume at the caps (resume_caps) stays far below this; a runaway layout
# fails with MemoryError instead of taking the machine's memory.
MAX_MEMORY_MB = 2048
START_TIMEOUT_S = 60.0


class RenderWorker:
    """Parent side of one render process; ``run`` blocks, so call it from a thread."""

    def __init__(self) -> None:
        self._conn, child_conn = _context.Pipe(duplex=True)
        self.process = _context.Process(target=_worker_main, args=(child_conn,), daemon=True)
        self.process.start()
        child_conn.close()
        self._ready = False
        self._stopped = False

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def alive(self) -> bool:
        return not self._stopped and self.process.is_alive()

    def run(self, render: Callable[..., bytes], data: Any, opts: dict, timeout_s: float) -> bytes:
        """``render(data, **opts)`` in the process. Past ``timeout_s`` the process is killed
        (the caller then replaces it) and RenderFailed says why."""
        self._wait_ready()
        try:
            self._conn.send((render, data, opts))
        except OSError:
            self.kill()
            raise RenderFailed("the render process stopped unexpectedly") from None
        if not self._conn.poll(timeout_s):
            self.kill()
            raise RenderFailed(f"PDF rendering took longer than {timeout_s:g} s")
        try:
            status, payload = self._conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise RenderFailed("the render process stopped (out of memory, or crashed)") from None
        if status == "ok":
            return payload
        raise RenderFailed(payload)

    def _wait_ready(self) -> None:
        # Start-up (the WeasyPrint import) is not charged to the first render's deadline.
        if self._ready:
            return
        if not self._conn.poll(START_TIMEOUT_S):
            self.kill()
            raise RenderFailed("the render process did not start")
        try:
            self._conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise RenderFailed("the render process did not start") from None
        self._ready = True

    def stop(self) -> None:
        """Kill the process without waiting; safe while another thread is in ``run``
        (that thread then sees the pipe close, reaps the process and raises)."""
        self._stopped = True
        if self.process.is_alive():
            self.process.kill()

    def kill(self) -> None:
        """Stop the process now and reap it, so nothing of it is left running."""
        self.stop()
        self.process.join()
        self._conn.close()


def _worker_main(conn) -> None:
    limit = MAX_MEMORY_MB * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    import refleum.documents.render.pdf  # noqa: F401 - load WeasyPrint before the first job

    conn.send(("ready", None))
    while True:
        try:
            render, data, opts = conn.recv()
        except (EOFError, OSError):  # the parent closed the pipe: the pool is gone
            return
        try:
            message = ("ok", render(data, **opts))
        except RenderFailed as exc:
            message = ("failed", str(exc))
        except MemoryError:
            message = ("failed", "PDF rendering ran out of memory")
        except Exception as exc:  # the reason stays generic: internals never reach a user
            message = ("failed", f"unexpected {type(exc).__name__}")
        conn.send(message)
