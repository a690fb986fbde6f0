"""The hot path's read connections (db_reads.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import sqlite3

import psycopg
import pytest
from sqlalchemy import text
from tests.conftest import PG_ADMIN_DSN

from refleum.db import Database
from refleum.db_reads import POSTGRES_READ_CONNECTIONS, ReadConnections, ReadStatement

PID = ReadStatement("SELECT pg_backend_pid()")
NAME = ReadStatement("SELECT name FROM organizations WHERE id = ?")


@pytest.fixture
async def db(db_url):
    database = Database(db_url)
    yield database
    await database.dispose()


async def _add_org(db: Database, org_id: str, name: str) -> None:
    async with db.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO organizations (id, name, plan, created_at) "
                "VALUES (:id, :name, 'PRO', CURRENT_TIMESTAMP)"
            ),
            {"id": org_id, "name": name},
        )


async def test_a_read_sees_what_was_committed_since_the_last_one(db):
    assert await db.reads.fetch_one(NAME, ("org_x",)) is None
    await _add_org(db, "org_x", "First")
    assert await db.reads.fetch_one(NAME, ("org_x",)) == ("First",)
    async with db.engine.begin() as conn:
        await conn.execute(text("UPDATE organizations SET name = 'Second' WHERE id = 'org_x'"))
    assert await db.reads.fetch_one(NAME, ("org_x",)) == ("Second",)


async def test_json_columns_come_back_as_text_on_both_backends(db):
    await _add_org(db, "org_j", "J")
    async with db.engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO resumes (id, org_id, is_master, status, filename, warnings, "
                "content_version, parse_attempts, created_at, updated_at) VALUES ('res_j', "
                "'org_j', false, 'READY', 'cv.pdf', '[\"w\"]', 1, 0, CURRENT_TIMESTAMP, "
                "CURRENT_TIMESTAMP)"
            )
        )
    row = await db.reads.fetch_one(
        ReadStatement("SELECT warnings FROM resumes WHERE id = ?"), ("res_j",)
    )
    assert row == ('["w"]',)


async def test_sqlite_read_connections_cannot_write(tmp_path, migrated_urls):
    if "sqlite" not in migrated_urls:
        pytest.skip("SQLite not among the test backends")
    reads = ReadConnections(migrated_urls["sqlite"])
    try:
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            await reads.fetch_one(ReadStatement("DELETE FROM organizations"), ())
    finally:
        await reads.close()


async def test_sqlite_read_connections_never_create_a_missing_database(tmp_path):
    reads = ReadConnections(f"sqlite+aiosqlite:///{tmp_path / 'missing.db'}")
    with pytest.raises(sqlite3.OperationalError):
        await reads.fetch_one(NAME, ("org_x",))
    assert not (tmp_path / "missing.db").exists()


def _postgres_only(db: Database) -> None:
    if db.is_sqlite:
        pytest.skip("PostgreSQL connections only")


def _terminate(pid: int) -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


async def test_postgres_read_reconnects_after_the_server_closed_its_connection(db):
    _postgres_only(db)
    (before,) = await db.reads.fetch_one(PID, ())
    _terminate(before)
    (after,) = await db.reads.fetch_one(PID, ())
    assert after != before


async def test_postgres_read_cancelled_mid_statement_never_reuses_its_connection(db):
    _postgres_only(db)
    (idle,) = await db.reads.fetch_one(PID, ())  # the one idle connection now
    slow = asyncio.create_task(db.reads.fetch_one(ReadStatement("SELECT pg_sleep(5)"), ()))
    await asyncio.sleep(0.3)
    slow.cancel()
    with pytest.raises(asyncio.CancelledError):
        await slow
    (next_pid,) = await db.reads.fetch_one(PID, ())
    assert next_pid != idle


async def test_postgres_reads_share_a_bounded_set_of_connections(db):
    _postgres_only(db)
    pids = await asyncio.gather(*(db.reads.fetch_one(PID, ()) for _ in range(40)))
    assert 1 <= len(set(pids)) <= POSTGRES_READ_CONNECTIONS
