"""The processes that run jobs: who holds a lease, and whether it is still alive."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow


class Worker(Base):
    """One row per running job runner (`refleum serve` embedded, `refleum worker`).

    A lease names its worker (``resumes.lease_owner``); a worker whose heartbeat is stale,
    or whose row is gone, holds nothing, so its rows are claimable at once.
    """

    __tablename__ = "workers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiJob(Base):
    """A request answered 202 (``Prefer: respond-async``) and run later by a job runner.

    Domain-free: ``kind`` names the handler the composition layer registered, ``request``
    is what that handler needs, ``result`` the ``data`` the synchronous call would have
    answered, ``error_code``/``error_detail`` its error envelope. The lease works like the
    parse queue's: a dead holder frees it, so a job survives a restart.
    """

    __tablename__ = "api_jobs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    org_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(12), index=True)
    request: Mapped[dict[str, Any]] = mapped_column(JSON)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    error_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    error_detail: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    lease_owner: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
