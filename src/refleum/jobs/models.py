"""The processes that run jobs: who holds a lease, and whether it is still alive."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
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
