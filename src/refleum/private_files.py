"""The data directory and the SQLite files in it are readable by their owner only.

They hold every resume, and the directory also holds ``secret.key``. SQLite creates its
files 0644 (and gives ``-wal``/``-shm``/``-journal`` the database file's mode), so the
database file is created 0600 before SQLite opens it, and an existing one is tightened.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def ensure_private_dir(path: Path) -> None:
    """Create ``path`` 0700 when it is missing; an existing directory is the operator's."""
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # another process made it first
        path.mkdir(mode=PRIVATE_DIR_MODE)
        os.chmod(path, PRIVATE_DIR_MODE)  # mkdir's mode is filtered by the umask


def ensure_private_sqlite_files(database: Path) -> None:
    ensure_private_dir(database.parent)
    os.close(os.open(database, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE))
    for path in (database, *(Path(f"{database}{suffix}") for suffix in SQLITE_SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(path, PRIVATE_FILE_MODE)
