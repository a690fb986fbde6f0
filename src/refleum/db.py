"""Database engine, sessions and the declarative base.

One ``Database`` per process, created by the app factory (or the CLI). Requests get a
session that commits once, after the endpoint returns and before the response is sent.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import DateTime, MetaData, event, make_url, text
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from refleum.db_reads import ReadConnections
from refleum.private_files import ensure_private_sqlite_files

log = logging.getLogger("refleum.db")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on both SQLite (which drops the zone) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # The driver must not begin transactions itself (its BEGIN is DEFERRED, and it runs a
    # SAVEPOINT outside any transaction): _begin_writes_immediately takes over.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL lets readers run while the parse worker writes; busy_timeout waits out a writer
    # instead of failing with "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


# Statements that need SQLite's write lock (SAVEPOINT: a nested transaction exists to write).
_WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|SAVEPOINT)\b", re.I)


def _begin_writes_immediately(conn, cursor, statement, _params, _context, _many) -> None:
    """Open a transaction with BEGIN IMMEDIATE right before its first write.

    A DEFERRED transaction that has read and then writes must upgrade its lock, and SQLite
    refuses that upgrade at once, without the busy timeout, when another connection holds
    the write lock or (WAL) wrote since the read: "database is locked" (SQLITE_BUSY,
    SQLITE_BUSY_SNAPSHOT). BEGIN IMMEDIATE takes the write lock up front, waiting
    busy_timeout for it. Reads before the first
    write run in autocommit, each on the latest data (PostgreSQL's READ COMMITTED), so a
    session that only reads, or reads during slow work, never holds the write lock.
    """
    if conn.connection.driver_connection.in_transaction or not _WRITES.match(statement):
        return
    cursor.execute("BEGIN IMMEDIATE")


class Database:
    def __init__(self, url: str):
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            path = make_url(url).database
            if path and path != ":memory:" and not path.startswith("file:"):
                ensure_private_sqlite_files(Path(path))
            # Each SQLite connection is a thread (aiosqlite): past the default 5 (+10 that are
            # closed on return) a loaded server opened and closed one per request (issue #17).
            self.engine: AsyncEngine = create_async_engine(url, pool_size=20, max_overflow=20)
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
            event.listen(
                self.engine.sync_engine, "before_cursor_execute", _begin_writes_immediately
            )
        else:
            self.engine = create_async_engine(url, pool_pre_ping=True, pool_size=10)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        # Hot-path reads without a session (db_reads.py); connections open on first use.
        self.reads = ReadConnections(url)

    async def ping(self) -> None:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        await self.reads.close()
        await self.engine.dispose()


_UNDO_ON_ROLLBACK = "refleum.undo_on_rollback"


def on_rollback(session: AsyncSession, undo: Callable[[], Awaitable[None]]) -> None:
    """Registers ``undo`` for an effect committed elsewhere on behalf of ``session``'s work
    (e.g. a quota slot reserved in its own transaction): run if the session rolls back
    instead of committing, dropped once it commits. Whoever owns the session runs it
    through ``abandon`` (the request session does)."""
    session.info.setdefault(_UNDO_ON_ROLLBACK, []).append(undo)


async def abandon(session: AsyncSession) -> None:
    """Rolls back and closes ``session`` (on SQLite this frees the write lock the undo work
    needs, and the connection goes back to the pool first), then runs the registered undo
    work, shielded: a cancelled request still runs it."""
    undo = session.info.pop(_UNDO_ON_ROLLBACK, [])
    await session.rollback()
    await session.close()
    for work in undo:
        try:
            await asyncio.shield(work())
        except Exception:
            # What it undoes has its own expiry (a quota lease); the error must not hide
            # the one that caused the rollback.
            log.exception("undo after rollback failed")


async def _request_session(request: Request) -> AsyncIterator[AsyncSession]:
    db: Database = request.app.state.db
    async with db.sessions() as session:
        try:
            yield session
            await session.commit()
            session.info.pop(_UNDO_ON_ROLLBACK, None)
        except BaseException:
            await abandon(session)
            raise


# scope="function": the commit happens before the response is sent, so a client never
# sees a 2xx for a write that then fails to commit.
SessionDep = Annotated[AsyncSession, Depends(_request_session, scope="function")]


# async, like every dependency on the request path that does no I/O: FastAPI runs a plain
# ``def`` dependency in its thread pool, a thread hop per request for a getattr.
async def _database(request: Request) -> Database:
    return request.app.state.db


# For work that must not share the request's transaction (e.g. the quota's reservation).
DatabaseDep = Annotated[Database, Depends(_database)]
