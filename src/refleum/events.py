"""The outbox: what happened to an organization's resumes, tailorings and letters.

A domain calls :func:`record_event` with the session that writes the change, so the event
row commits (or rolls back) with it: an event exists iff the change committed. Nothing
here delivers anything; ``webhooks/`` reads undispatched rows and fans them out to the
organization's endpoints. Kernel-level so every domain may write here without importing
a layer above it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow
from refleum.ids import new_id

RESUME_PARSED = "resume.parsed"
RESUME_FAILED = "resume.failed"
TAILOR_COMPLETED = "tailor.completed"
TAILOR_FAILED = "tailor.failed"
LETTER_GENERATED = "letter.generated"
EVENT_TYPES = (RESUME_PARSED, RESUME_FAILED, TAILOR_COMPLETED, TAILOR_FAILED, LETTER_GENERATED)


class Event(Base):
    __tablename__ = "events"

    # Also the Standard Webhooks ``webhook-id``: receivers deduplicate on it.
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    org_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set once the event was turned into deliveries; None marks the outbox's pending rows.
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)


def record_event(session: AsyncSession, org_id: str, type: str, data: dict[str, Any]) -> Event:
    """Stage ``type`` for ``org_id`` in ``session``; it exists once the caller commits."""
    if type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type!r}")
    event = Event(id=new_id("msg"), org_id=org_id, type=type, data=data, created_at=utcnow())
    session.add(event)
    return event
