"""Worker identity and liveness: register on start, heartbeat, and reap the dead.

A lease held by a dead worker must not make its row wait out the lease (5 minutes by
default). Liveness is a heartbeat written every few seconds; and because a restart on
the same host should not even wait for the heartbeat to go stale, a starting runner
also reaps the workers of its own host whose process is gone.
"""

from __future__ import annotations

import os
import socket
from datetime import datetime, timedelta
from pathlib import Path

from refleum.db import Database, utcnow
from refleum.ids import new_id
from refleum.jobs.models import Worker
from refleum.jobs.repository import WorkerRepository

HOSTNAME = socket.gethostname()[:255]
# The workers this process registered and has not retired: a process runs several runners
# (parse jobs, async requests), and their rows carry our own pid, which ``process_is_gone``
# reads as a dead predecessor's. A starting runner must not reap its siblings.
_OURS: set[str] = set()


def process_is_gone(pid: int) -> bool:
    """True when no process ``pid`` runs on this host, or only its unreaped corpse."""
    if pid == os.getpid():
        # Our own pid in another worker's row: that process is gone and its pid reused
        # by us (a restarted container's entrypoint is pid 1 every time).
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, owned by another user
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state in ("Z", "X")  # killed, waiting for its parent to reap it


def live_since(now: datetime, stale_after: timedelta) -> datetime:
    return now - stale_after


def _this_process(worker_id: str, now: datetime) -> Worker:
    return Worker(
        id=worker_id, hostname=HOSTNAME, pid=os.getpid(), started_at=now, heartbeat_at=now
    )


async def register(db: Database) -> str:
    worker_id = new_id("wkr")
    async with db.sessions() as session:
        await WorkerRepository(session).add(_this_process(worker_id, utcnow()))
        await session.commit()
    _OURS.add(worker_id)
    return worker_id


async def heartbeat(db: Database, worker_id: str) -> None:
    """Refresh our heartbeat; re-register under the same id if we were reaped meanwhile."""
    now = utcnow()
    async with db.sessions() as session:
        workers = WorkerRepository(session)
        if not await workers.heartbeat(worker_id, now):
            await workers.add(_this_process(worker_id, now))
        await session.commit()


async def retire(db: Database, worker_id: str) -> None:
    """A clean stop: the row goes, so the leases we still hold are free at once."""
    async with db.sessions() as session:
        await WorkerRepository(session).delete(worker_id)
        await session.commit()
    _OURS.discard(worker_id)


async def reap(
    db: Database, me: str | None, stale_after: timedelta, *, check_pids: bool = False
) -> int:
    """Delete workers that are dead: stale heartbeat, or (``check_pids``) a gone process on
    this host. Pids are checked when a runner starts, the moment a restart needs them; the
    hostname must then name one host (container hostnames do)."""
    now = utcnow()
    async with db.sessions() as session:
        workers = WorkerRepository(session)
        gone: list[str] = []
        if check_pids:
            local = await workers.on_host(HOSTNAME, except_id=me)
            gone = [
                worker_id
                for worker_id, pid in local
                if worker_id not in _OURS and process_is_gone(pid)
            ]
        reaped = await workers.delete_dead(
            silent_since=live_since(now, stale_after), gone=gone, except_id=me
        )
        await session.commit()
        return reaped
