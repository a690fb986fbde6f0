from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow


class UsageCounter(Base):
    """One row per organization and calendar month (UTC): the durable quota counter.

    ``tailor_reserved`` counts calls in flight: a call reserves before it runs and either
    turns its reservation into a use (success) or gives it back (failure), so concurrent
    calls can never take the month past its quota.
    """

    __tablename__ = "usage_counters"

    org_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # "2026-11"
    tailor_used: Mapped[int] = mapped_column(Integer, default=0)
    tailor_reserved: Mapped[int] = mapped_column(Integer, default=0)
    # Every reservation pushes this past its own end (hard timeout + margin). Once it has
    # passed, no call can still be running, so what is left in tailor_reserved was held by
    # a process that died mid-call, and the next reservation reclaims it.
    tailor_reserved_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    llm_calls: Mapped[int] = mapped_column(BigInteger, default=0)
    input_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    output_tokens: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
