"""The resume reads clients poll, without the ORM session (db_reads.py).

GET /resumes/{id} is the API's most frequent call (clients poll it until a parse is
READY), and its answer is a pure function of one row. So the row is read on a read
connection and the rendered body is kept beside the row it came from: the next read of an
equal row sends the kept bytes. The row is compared whole, not a version column, so a
change made by any process or by any writer is served at once, whether or not that writer
bumped ``updated_at`` or ``content_version``.

GET /resumes (a page and its total) reads its two statements the same way; its rows are
rendered each time, being small and changing with every update in the organization.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter

from refleum.db import UTCDateTime
from refleum.db_reads import KeyedRead, ReadConnections, ReadStatement
from refleum.envelopes import Envelope
from refleum.errors import NotFound
from refleum.resumes.models import Resume
from refleum.resumes.schemas import ResumeOut

# What ResumeOut.of reads, and nothing else (not the markdown, the truth snapshot, ...).
_COLUMNS = (
    "id",
    "is_master",
    "status",
    "title",
    "filename",
    "warnings",
    "parent_id",
    "strategy",
    "created_at",
    "updated_at",
    "structured_data",
    "job_description",
    "job_keywords",
    "tailoring",
)
# What ResumeSummary.of reads.
_SUMMARY_COLUMNS = _COLUMNS[:10]
_JSON_COLUMNS = frozenset({"warnings", "structured_data", "job_keywords", "tailoring"})
_TIME_COLUMNS = frozenset({"created_at", "updated_at"})
_AS_STORED = UTCDateTime()
_TABLE = Resume.__tablename__
# One resume of one organization; on PostgreSQL, those of every request waiting at once.
_BY_ID = KeyedRead(
    one=f"SELECT {', '.join(_COLUMNS)} FROM {_TABLE} WHERE id = ? AND org_id = ?",
    many=(
        f"SELECT {', '.join('r.' + c for c in _COLUMNS)}, k.id, k.org_id FROM {_TABLE} r"
        " JOIN unnest(%s::text[], %s::text[]) AS k(id, org_id)"
        " ON r.id = k.id AND r.org_id = k.org_id"
    ),
    key_width=2,
)
# Most recently updated first; the id breaks ties, so pages never overlap.
_PAGE = (
    f"SELECT {', '.join(_SUMMARY_COLUMNS)} FROM {_TABLE} WHERE org_id = ?{{only}}"
    " ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?"
)
_COUNT = f"SELECT count(*) FROM {_TABLE} WHERE org_id = ?{{only}}"
_NOT_MASTER = " AND NOT is_master"
_PAGES = {m: ReadStatement(_PAGE.format(only="" if m else _NOT_MASTER)) for m in (True, False)}
_COUNTS = {m: ReadStatement(_COUNT.format(only="" if m else _NOT_MASTER)) for m in (True, False)}
# FastAPI's own serializer for the declared response model, so the bytes are the ones an
# endpoint returning Envelope[ResumeOut] would send.
_ENVELOPE = TypeAdapter(Envelope[ResumeOut])

# Bodies kept per process. A resume's body is a few kB to a few hundred; the bound keeps
# the most recently read ones and is far below what a worker process itself needs.
MAX_KEPT_BYTES = 32 * 1024 * 1024


class RenderedResumes:
    """Recently rendered GET bodies, each with the row it was rendered from (LRU, bytes-bounded)."""

    def __init__(self, max_bytes: int = MAX_KEPT_BYTES):
        self._max_bytes = max_bytes
        self._bytes = 0
        self._kept: OrderedDict[str, tuple[tuple, bytes, int]] = OrderedDict()

    async def body(self, reads: ReadConnections, org_id: str, resume_id: str) -> bytes:
        row = await reads.fetch_keyed(_BY_ID, (resume_id, org_id))
        if row is None:
            raise NotFound("resume")
        row = tuple(row)
        kept = self._kept.get(resume_id)
        if kept is not None and kept[0] == row:
            self._kept.move_to_end(resume_id)
            return kept[1]
        body = _ENVELOPE.dump_json(Envelope(data=ResumeOut.of(_resume_of(row))))
        self._keep(resume_id, row, body)
        return body

    def _keep(self, resume_id: str, row: tuple, body: bytes) -> None:
        size = len(body) + sum(len(v) for v in row if isinstance(v, str | bytes))
        old = self._kept.pop(resume_id, None)
        if old is not None:
            self._bytes -= old[2]
        if size > self._max_bytes:
            return
        self._kept[resume_id] = (row, body, size)
        self._bytes += size
        while self._bytes > self._max_bytes:
            _, (_, _, dropped) = self._kept.popitem(last=False)
            self._bytes -= dropped


async def page(
    reads: ReadConnections, org_id: str, *, include_master: bool, limit: int, offset: int
) -> tuple[list[Resume], int]:
    """A page of the organization's resumes, most recently updated first, and their total
    (detached rows with the summary's columns: the API's list and the dashboard's)."""
    counted = await reads.fetch_one(_COUNTS[include_master], (org_id,))
    total = counted[0] if counted else 0
    rows = await reads.fetch_all(_PAGES[include_master], (org_id, limit, offset))
    return [_resume_of(row, _SUMMARY_COLUMNS) for row in rows], total


def _resume_of(row: tuple, columns: tuple[str, ...] = _COLUMNS) -> Resume:
    """A detached Resume with the values the ORM would have loaded from this raw row."""
    values: dict[str, Any] = dict(zip(columns, row, strict=True))
    for name in _JSON_COLUMNS.intersection(columns):
        text = values[name]
        values[name] = json.loads(text) if text is not None else None
    for name in _TIME_COLUMNS:
        values[name] = _utc(values[name])
    values["is_master"] = bool(values["is_master"])  # SQLite stores 0/1
    return Resume(**values)


def _utc(value: datetime | str) -> datetime:
    # SQLite keeps the text SQLAlchemy wrote (UTC, without its zone), PostgreSQL a
    # timestamptz; the column type then reads it as it does for the ORM.
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return _AS_STORED.process_result_value(moment, None)
