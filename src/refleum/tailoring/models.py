"""Tailoring's own table: the JD keywords a model extracted, cached per organization."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow


class JobKeywordsCache(Base):
    """Keywords a model extracted from a JD, per org, so the same JD costs one call."""

    __tablename__ = "job_keywords_cache"

    org_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    jd_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    # The cache is only valid for the provider/model that produced it.
    engine: Mapped[str] = mapped_column(String(250), primary_key=True)
    keywords: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
