"""The data directory is 0700 and the SQLite files (with -wal and -shm) 0600, like secret.key."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from refleum import migrate
from refleum.app import create_app
from refleum.config import Settings
from refleum.db import Database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def usual_umask():
    previous = os.umask(0o022)  # the umask that made the files 0644 in the audit
    yield
    os.umask(previous)


async def write_through_wal(database: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{database}")
    await migrate.upgrade(db.engine)
    async with db.engine.connect() as conn:
        await conn.execute(text("SELECT count(*) FROM resumes"))
        # -wal and -shm exist while a connection is open
        for suffix in ("-wal", "-shm"):
            assert mode(Path(f"{database}{suffix}")) == 0o600, suffix
    await db.dispose()


async def test_a_new_data_dir_and_its_database_are_private(tmp_path, usual_umask):
    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir, database_url=None)
    application = create_app(settings, run_jobs=False)
    async with application.router.lifespan_context(application):
        pass
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "secret.key") == 0o600
    database = data_dir / "refleum.db"
    await write_through_wal(database)
    assert mode(database) == 0o600


async def test_existing_world_readable_database_files_are_tightened(tmp_path, usual_umask):
    database = tmp_path / "old" / "refleum.db"
    await write_through_wal(database)
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        if path.exists():
            os.chmod(path, 0o644)
    Database(f"sqlite+aiosqlite:///{database}")
    for suffix in ("", "-wal", "-shm"):
        path = Path(f"{database}{suffix}")
        if path.exists():
            assert mode(path) == 0o600, suffix
