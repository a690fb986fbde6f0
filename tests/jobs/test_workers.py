"""Worker liveness: which processes count as gone when a runner starts and reaps."""

from __future__ import annotations

import os
import time

from tests.jobs.support import dead_pid, sleeping_process

from refleum.jobs.workers import process_is_gone


def test_which_local_processes_count_as_gone():
    alive = sleeping_process()
    try:
        assert not process_is_gone(alive.pid)
        alive.kill()  # killed but not reaped: a zombie still answers kill(pid, 0)
        deadline = time.monotonic() + 10
        while not process_is_gone(alive.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process_is_gone(alive.pid)
    finally:
        alive.wait()
    assert process_is_gone(dead_pid())
    # Our own pid in another worker's row: a restarted container reuses its pid.
    assert process_is_gone(os.getpid())
