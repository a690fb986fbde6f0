"""A key's last_used_at, written after the response and at most once a minute per key.

Writing it inside the request made every request a write (and on SQLite made a request
wait for the write lock). Here a request only notes the use; the write is batched and
runs after the response is sent, or at the latest on the next periodic flush.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from refleum.db import Database
from refleum.orgs.repository import ApiKeyRepository

log = logging.getLogger("refleum.orgs")

# last_used_at is refreshed at most this often, so authentication is not a write per request.
RESOLUTION = timedelta(minutes=1)
# Uses noted by requests that ended without running their background task (an error
# response) are written by this loop instead.
FLUSH_EVERY_S = 10.0


class LastUsedRecorder:
    def __init__(self, db: Database, now: Callable[[], datetime]) -> None:
        self.db = db
        self.now = now
        self._noted: dict[str, datetime] = {}  # key id → the last time this process wrote
        self._pending: dict[str, datetime] = {}
        self._loop: asyncio.Task | None = None

    def note(self, key_id: str, stored: datetime | None) -> bool:
        """A use of the key now; ``stored`` is its last_used_at as last read. True when a
        write is due (the caller schedules ``flush`` after its response)."""
        now = self.now()
        known = max(filter(None, (stored, self._noted.get(key_id))), default=None)
        if known is not None and now - known < RESOLUTION:
            return False
        if len(self._noted) >= 10_000:
            self._noted.clear()
        self._noted[key_id] = now
        self._pending[key_id] = now
        return True

    async def flush(self) -> None:
        if not self._pending:
            return
        pending, self._pending = self._pending, {}
        try:
            async with self.db.sessions() as session:
                await ApiKeyRepository.record_last_used(session, pending)
                await session.commit()
        except Exception:
            # Only a display figure: keep it for the next flush rather than fail anything.
            log.exception("could not record keys' last use")
            for key_id, when in pending.items():
                self._pending.setdefault(key_id, when)

    async def _flush_forever(self) -> None:
        while True:
            await asyncio.sleep(FLUSH_EVERY_S)
            await self.flush()

    def start(self) -> None:
        self._loop = asyncio.create_task(self._flush_forever())

    async def stop(self) -> None:
        if self._loop is not None:
            self._loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._loop
        await self.flush()
