"""Hot-path reads that skip the ORM session: one statement, straight to the driver.

A read through the request session costs more than the read: on SQLite every statement,
the commit and the pool's reset is a hop to aiosqlite's thread, which then waits for the
GIL behind the busy event loop; on PostgreSQL the pool pings on checkout and rolls back on
return, a round trip each. In issue #17's profile that was about 2 ms of a 3.4 ms GET.
A read-only statement on the hot path runs here instead:

- SQLite: on a plain ``sqlite3`` connection of the calling thread, synchronously. In WAL
  mode a reader never waits for a writer, and a primary-key read takes microseconds, less
  than one hop to another thread. The connection is ``query_only``: nothing writes
  through it.
- PostgreSQL: on a few autocommit psycopg connections kept apart from the ORM's pool,
  prepared server-side by psycopg after a few uses, as the ORM's connections are. A read
  of one row by its key (``KeyedRead``) is answered together with the other reads of its
  kind waiting at that moment, in one statement: a psycopg round trip costs the event
  loop about 100 us of CPU, several times a SQLite read, and under load that, not the
  server, is what limits a process.

Each statement reads the latest committed data, as the session's reads do (SQLite
autocommit reads, PostgreSQL READ COMMITTED). Rows come back as the driver gives them:
JSON as text on both, datetimes as text on SQLite; the caller converts what it uses.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from typing import Any
from urllib.parse import quote

import psycopg
from psycopg.types.string import TextLoader
from sqlalchemy import make_url

log = logging.getLogger("refleum.db")

# PostgreSQL connections per process for these reads, beside the ORM pool's (db.py). A
# read holds one for a single round trip, so a few serve far more requests per second than
# the process can answer; more would only spend the server's connection budget.
POSTGRES_READ_CONNECTIONS = 4
# A WAL reader waits only while the database recovers after a crash (or, without WAL,
# while a writer commits). That wait blocks the event loop, so it is short, and a read
# that still finds the database busy fails instead of stalling every request.
SQLITE_BUSY_TIMEOUT_MS = 2000


class ReadStatement:
    """One read-only SQL statement, written with ``?`` placeholders, for either driver."""

    def __init__(self, sql: str):
        self.sqlite = sql
        self.postgres = sql.replace("?", "%s")


class KeyedRead:
    """A read of at most one row by its key, which PostgreSQL answers for many keys at once.

    ``one`` selects the row of one key (``?`` placeholders, the key's parts in order).
    ``many`` selects the rows of many keys with one text array per part of the key
    (``%s`` placeholders), each row followed by its key's parts: the rows it gives, less
    those last columns, must be the rows ``one`` gives.
    """

    def __init__(self, one: str, many: str, key_width: int):
        self.one = ReadStatement(one)
        self.many = many
        self.key_width = key_width


class ReadConnections:
    """The process's read connections for one database URL; opened on first use."""

    def __init__(self, url: str):
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            self._reads: _SqliteReads | _PostgresReads = _SqliteReads(parsed.database or "")
        else:
            conninfo = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
            self._reads = _PostgresReads(conninfo, POSTGRES_READ_CONNECTIONS)

    async def fetch_one(self, statement: ReadStatement, params: tuple[Any, ...]) -> tuple | None:
        rows = await self._reads.fetch(statement, params, many=False)
        return rows[0] if rows else None

    async def fetch_all(self, statement: ReadStatement, params: tuple[Any, ...]) -> list[tuple]:
        return await self._reads.fetch(statement, params, many=True)

    async def fetch_keyed(self, read: KeyedRead, key: tuple[str, ...]) -> tuple | None:
        """The row of ``key``, or None. The statement that reads it starts after this call
        does, so it sees every write committed before: a read-after-write holds."""
        if not all(_storable(part) for part in key):
            # No key column holds it, so no row has it. Sent, it would fail the statement
            # (on PostgreSQL the shared one, and with it the other requests' reads).
            return None
        if isinstance(self._reads, _PostgresReads):
            return await self._reads.fetch_keyed(read, key)
        return await self.fetch_one(read.one, key)

    async def close(self) -> None:
        await self._reads.close()


class _SqliteReads:
    def __init__(self, path: str):
        self._in_memory = not path or path == ":memory:"
        # mode=rw: never create the file (an empty database would answer "not found").
        self._uri = path if path.startswith("file:") else f"file:{quote(path)}?mode=rw"
        # One connection per thread: sqlite3 objects must not be shared by two threads at
        # once, and tests run apps on loops in several threads.
        self._local = threading.local()
        self._opened: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        conn = getattr(self._local, "connection", None)
        if conn is None:
            if self._in_memory:
                # Each connection to :memory: is a database of its own: nothing to read.
                raise RuntimeError("read connections need an SQLite file, not :memory:")
            conn = sqlite3.connect(
                self._uri, uri=True, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA query_only=ON")
            conn.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
            self._local.connection = conn
            with self._lock:
                self._opened.append(conn)
        return conn

    async def fetch(
        self, statement: ReadStatement, params: tuple[Any, ...], *, many: bool
    ) -> list[tuple]:
        cursor = self._connection().execute(statement.sqlite, params)
        if many:
            return cursor.fetchall()
        row = cursor.fetchone()
        cursor.close()  # ends the statement, and with it the read's snapshot
        return [row] if row is not None else []

    async def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for conn in opened:
            conn.close()
        self._local = threading.local()


class _PostgresReads:
    def __init__(self, conninfo: str, size: int):
        self._conninfo = conninfo
        self._size = size
        # Connections and the semaphore belong to the loop that made them (tests run one
        # Database on several loops in turn); a new loop starts afresh.
        self._loop: asyncio.AbstractEventLoop | None = None
        self._idle: list[psycopg.AsyncConnection] = []
        self._slots = asyncio.Semaphore(size)
        self._closing: set[asyncio.Task] = set()
        # Per kind of keyed read, the keys waiting for the next statement, each with the
        # future its callers await; and the tasks answering them.
        self._waiting: dict[KeyedRead, dict[tuple[str, ...], asyncio.Future]] = {}
        self._answering: set[asyncio.Task] = set()

    def _for_this_loop(self) -> None:
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            for conn in self._idle:
                conn.pgconn.finish()  # the old loop may be gone: close without awaiting
            self._loop, self._idle = loop, []
            self._slots = asyncio.Semaphore(self._size)
            self._waiting, self._answering = {}, set()

    async def _connect(self) -> psycopg.AsyncConnection:
        conn = await psycopg.AsyncConnection.connect(self._conninfo, autocommit=True)
        # JSON as text, as SQLite gives it: one conversion in the caller for both.
        conn.adapters.register_loader("json", TextLoader)
        conn.adapters.register_loader("jsonb", TextLoader)
        return conn

    async def fetch(
        self, statement: ReadStatement, params: tuple[Any, ...], *, many: bool
    ) -> list[tuple]:
        self._for_this_loop()
        async with self._slots:
            return await self._fetch(statement.postgres, params, many)

    async def fetch_keyed(self, read: KeyedRead, key: tuple[str, ...]) -> tuple | None:
        self._for_this_loop()
        waiting = self._waiting.get(read)
        if waiting is None:
            # The first key of a new batch: a task, not this request, answers it, so that
            # a caller who goes away (a closed connection) leaves the others answered.
            waiting = self._waiting[read] = {}
            task = asyncio.get_running_loop().create_task(self._answer(read, waiting))
            self._answering.add(task)
            task.add_done_callback(self._answering.discard)
        found = waiting.get(key)
        if found is None:
            found = waiting[key] = asyncio.get_running_loop().create_future()
        # Shielded: callers of one key share its future, and one cancelled must not
        # cancel the others' answer.
        return await asyncio.shield(found)

    async def _answer(self, read: KeyedRead, waiting: dict[tuple[str, ...], asyncio.Future]):
        """Reads every key waiting once a connection is free, in one statement."""
        try:
            async with self._slots:
                # Keys arriving from now on wait for the next statement: this one may
                # already have started, and must not answer for a later write.
                if self._waiting.get(read) is waiting:
                    del self._waiting[read]
                columns = list(zip(*waiting, strict=True))
                rows = await self._fetch(read.many, tuple(list(c) for c in columns), True)
        except asyncio.CancelledError:
            for future in waiting.values():
                future.cancel()
            raise
        except Exception as exc:
            for future in waiting.values():
                if not future.done():
                    future.set_exception(exc)
            return
        width = read.key_width
        found = {tuple(row[-width:]): tuple(row[:-width]) for row in rows}
        for key, future in waiting.items():
            if not future.done():
                future.set_result(found.get(key))

    async def _fetch(self, sql: str, params: tuple[Any, ...], many: bool) -> list[tuple]:
        """Runs one statement; the caller holds a slot."""
        if self._idle:
            try:
                return await self._fetch_on(self._idle.pop(), sql, params, many)
            except psycopg.OperationalError:
                # An idle connection the server closed (a restart, an idle timeout):
                # what pool_pre_ping does for the ORM, without its round trip per read.
                log.info("a read connection was closed by the server; reconnecting")
        return await self._fetch_on(await self._connect(), sql, params, many)

    async def _fetch_on(
        self,
        conn: psycopg.AsyncConnection,
        sql: str,
        params: tuple[Any, ...],
        many: bool,
    ) -> list[tuple]:
        done = False
        try:
            cursor = await conn.execute(sql, params)
            if many:
                rows = await cursor.fetchall()
            else:
                row = await cursor.fetchone()
                rows = [row] if row is not None else []
            done = True
            return rows
        finally:
            if done:
                self._idle.append(conn)
            else:
                # Failed or cancelled mid-statement: its state is unknown, never reuse it.
                self._discard(conn)

    def _discard(self, conn: psycopg.AsyncConnection) -> None:
        task = asyncio.get_running_loop().create_task(conn.close())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def close(self) -> None:
        same_loop = asyncio.get_running_loop() is self._loop
        if same_loop and self._answering:
            # Reads under way finish first: their connections go back to the idle list.
            await asyncio.gather(*self._answering, return_exceptions=True)
        idle, self._idle = self._idle, []
        for conn in idle:
            if same_loop:
                await conn.close()
            else:
                conn.pgconn.finish()
        if same_loop and self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)


def _storable(text: str) -> bool:
    """Whether a text key column can hold ``text``: UTF-8 (both drivers encode to it),
    without NUL (PostgreSQL's text refuses it; refleum's ids never have one)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True
