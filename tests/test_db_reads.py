"""The hot path's read connections (db_reads.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import sqlite3

import psycopg
import pytest
from sqlalchemy import text
from tests.conftest import PG_ADMIN_DSN

from refleum.db import Database
from refleum.db_reads import POSTGRES_READ_CONNECTIONS, KeyedRead, ReadConnections, ReadStatement

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


# --- keyed reads: on PostgreSQL, the reads waiting at once share one statement ---------------

ORG = KeyedRead(
    one="SELECT id, name FROM organizations WHERE id = ?",
    many=(
        "SELECT o.id, o.name, k.id FROM organizations o"
        " JOIN unnest(%s::text[]) AS k(id) ON o.id = k.id"
    ),
    key_width=1,
)


@pytest.fixture
def statements(db, monkeypatch) -> list[tuple]:
    """The parameters of each statement the PostgreSQL reads run."""
    ran: list[tuple] = []
    if not db.is_sqlite:
        reads = db.reads._reads
        fetch = reads._fetch

        async def spy(sql, params, many):
            ran.append(params)
            return await fetch(sql, params, many)

        monkeypatch.setattr(reads, "_fetch", spy)
    return ran


async def test_keyed_reads_answer_each_key_with_its_own_row(db, statements):
    for n in range(3):
        await _add_org(db, f"org_k{n}", f"Name {n}")
    keys = [("org_k0",), ("org_k1",), ("org_k0",), ("org_missing",), ("org_k2",)] * 10
    rows = await asyncio.gather(*(db.reads.fetch_keyed(ORG, key) for key in keys))
    expected = {("org_k0",): ("org_k0", "Name 0"), ("org_k1",): ("org_k1", "Name 1")}
    expected[("org_k2",)] = ("org_k2", "Name 2")
    assert [tuple(r) if r else None for r in rows] == [expected.get(k) for k in keys]
    if not db.is_sqlite:
        # All 50 were waiting when the first statement started: one statement, each key once.
        assert len(statements) == 1
        assert sorted(statements[0][0]) == ["org_k0", "org_k1", "org_k2", "org_missing"]


async def test_a_keyed_read_arriving_during_a_statement_waits_for_the_next(db, monkeypatch):
    _postgres_only(db)
    await _add_org(db, "org_w", "Before")
    reads = db.reads._reads
    fetch, started, release, ran = reads._fetch, asyncio.Event(), asyncio.Event(), []

    async def held(sql, params, many):
        rows = await fetch(sql, params, many)
        ran.append(params)
        started.set()
        await release.wait()  # the first statement has read; its answer is not out yet
        return rows

    monkeypatch.setattr(reads, "_fetch", held)
    first = asyncio.create_task(db.reads.fetch_keyed(ORG, ("org_w",)))
    await started.wait()
    async with db.engine.begin() as conn:
        await conn.execute(text("UPDATE organizations SET name = 'After' WHERE id = 'org_w'"))
    second = asyncio.create_task(db.reads.fetch_keyed(ORG, ("org_w",)))
    await asyncio.sleep(0.05)
    release.set()
    # The first statement read before the write; the read that came after the write sees it.
    assert tuple(await first) == ("org_w", "Before")
    assert tuple(await second) == ("org_w", "After")
    assert len(ran) == 2


async def test_a_cancelled_keyed_read_leaves_the_others_of_its_key_answered(db):
    _postgres_only(db)
    await _add_org(db, "org_c", "Kept")
    gone = asyncio.create_task(db.reads.fetch_keyed(ORG, ("org_c",)))
    stays = asyncio.create_task(db.reads.fetch_keyed(ORG, ("org_c",)))
    await asyncio.sleep(0)  # both are waiting on the same key
    gone.cancel()
    with pytest.raises(asyncio.CancelledError):
        await gone
    assert tuple(await stays) == ("org_c", "Kept")


async def test_a_failed_keyed_statement_fails_its_readers_and_the_next_one_runs(db, monkeypatch):
    _postgres_only(db)
    await _add_org(db, "org_f", "Fine")
    reads = db.reads._reads
    fetch = reads._fetch

    async def broken(sql, params, many):
        raise psycopg.errors.QueryCanceled("canceling statement due to statement timeout")

    monkeypatch.setattr(reads, "_fetch", broken)
    failed = await asyncio.gather(
        *(db.reads.fetch_keyed(ORG, ("org_f",)) for _ in range(3)), return_exceptions=True
    )
    assert all(isinstance(f, psycopg.errors.QueryCanceled) for f in failed)
    monkeypatch.setattr(reads, "_fetch", fetch)
    assert tuple(await db.reads.fetch_keyed(ORG, ("org_f",))) == ("org_f", "Fine")


async def test_a_key_no_text_column_can_hold_is_not_found_and_fails_no_other_read(db):
    await _add_org(db, "org_n", "Next door")
    keys = [("org_n",), ("org\x00n",), ("org_\udc80",), ("org_n",)]
    rows = await asyncio.gather(*(db.reads.fetch_keyed(ORG, key) for key in keys))
    assert [tuple(r) if r else None for r in rows] == [
        ("org_n", "Next door"),
        None,
        None,
        ("org_n", "Next door"),
    ]
