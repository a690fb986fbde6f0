"""Waking idle job runners in other processes: PostgreSQL NOTIFY on enqueue, LISTEN in each runner.

A runner in the process that took the request is woken in memory (``JobRunner.wake``);
one in another process (`refleum worker`, another API process) would only see the job
at its next poll. On PostgreSQL the enqueueing transaction also NOTIFYs the queue's
channel; the notification is delivered at commit, never for a rolled-back job, so a
woken runner always finds the row. SQLite has no such thing: its runners poll.

A notification can still be missed (the listening connection dropped, PgBouncer in
transaction mode, which does not keep LISTEN): the runner's fallback poll covers that,
and a listener that (re)connects wakes its runner once, for what it may have missed.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import psycopg
from psycopg import sql
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncSession

log = logging.getLogger("refleum.jobs")

# Waits between reconnection attempts of a listener whose connection failed.
RECONNECT_DELAYS_S = (0.5, 1.0, 2.0, 5.0, 10.0)


async def announce(session: AsyncSession, channel: str) -> None:
    """Tell the runners listening on ``channel`` that a job is queued, when ``session``
    commits. Nothing on SQLite. Notifications of one transaction with the same channel
    and payload are folded into one by PostgreSQL, so a batch wakes each runner once."""
    if session.bind.dialect.name == "postgresql":
        await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": channel})


def listens(database_url: str) -> bool:
    """Whether runners on this database can be woken by notifications."""
    return make_url(database_url).get_backend_name() == "postgresql"


def _conninfo(database_url: str) -> str:
    """The SQLAlchemy URL (``postgresql+psycopg://…``) as a libpq one."""
    url = make_url(database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class Listener:
    """A connection of its own, LISTENing on a channel: each notification calls ``wake``.

    One connection per listening runner, outside the engine's pool (it is held for the
    process's life and never runs a query after LISTEN).
    """

    def __init__(self, database_url: str, channel: str, wake: Callable[[], None]):
        self.conninfo = _conninfo(database_url)
        self.channel = channel
        self.wake = wake
        self.listening = asyncio.Event()  # set while LISTEN is in force (tests wait on it)
        self.notifications = 0  # received since start
        self.connections = 0  # LISTENs made since start: 1 plus the reconnections
        self._task: asyncio.Task | None = None
        self._listened_once = False  # since the last failure: the next retry comes soon

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"refleum-listen-{self.channel}")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                await self._listen()
            except (psycopg.Error, OSError) as exc:
                log.warning(
                    "listening on %s failed (%s); the fallback poll covers it meanwhile",
                    self.channel,
                    exc,
                )
            self.listening.clear()
            if self._listened_once:
                failures, self._listened_once = 0, False
            await asyncio.sleep(RECONNECT_DELAYS_S[min(failures, len(RECONNECT_DELAYS_S) - 1)])
            failures += 1

    async def _listen(self) -> None:
        async with await psycopg.AsyncConnection.connect(
            self.conninfo, autocommit=True, application_name=f"refleum-listen-{self.channel}"
        ) as conn:
            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
            self.connections += 1
            self.listening.set()
            self._listened_once = True
            self.wake()  # whatever was queued while we were not listening
            async for _ in conn.notifies():
                self.notifications += 1
                self.wake()
