from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow

IN_PROGRESS = "in_progress"
COMPLETE = "complete"


class IdempotencyRecord(Base):
    """One claimed Idempotency-Key of an organization and, once done, the response it got.

    The primary key (org_id, key) is what makes a claim exclusive: of two processes that
    insert the same key, the database lets exactly one commit.
    """

    __tablename__ = "idempotency_records"

    org_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    # sha256 of method, path and body (multipart: its parts, not its boundary).
    fingerprint: Mapped[str] = mapped_column(String(64))
    # Which claim owns the row: a claim taken over after its lease cannot finish it.
    token: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default=IN_PROGRESS)
    response_status: Mapped[int | None] = mapped_column(Integer, nullable=True)
    response_headers: Mapped[list | None] = mapped_column(JSON, nullable=True)
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Past this an in-progress claim is abandoned (its process died) and may be taken over.
    locked_until: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
