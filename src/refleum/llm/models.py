from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow


class LLMConfig(Base):
    """One row per organization; absent means every default (the `local` engine)."""

    __tablename__ = "llm_configs"

    org_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    provider: Mapped[str] = mapped_column(String(40), default="local")
    model: Mapped[str] = mapped_column(String(200), default="")
    # Fernet token of the provider key; the plain key is never stored.
    api_key_encrypted: Mapped[str | None] = mapped_column(Text, nullable=True)
    api_base: Mapped[str | None] = mapped_column(String(500), nullable=True)
    reasoning_effort: Mapped[str | None] = mapped_column(String(20), nullable=True)
    enable_cover_letter: Mapped[bool] = mapped_column(Boolean, default=False)
    enable_outreach_message: Mapped[bool] = mapped_column(Boolean, default=False)
    content_language: Mapped[str] = mapped_column(String(35), default="en")
    default_prompt_id: Mapped[str] = mapped_column(String(20), default="nudge")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LLMCall(Base):
    """One model call: what it was for and what it cost, for the operator's usage figures."""

    __tablename__ = "llm_calls"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    org_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(40))
    provider: Mapped[str] = mapped_column(String(40))
    model: Mapped[str] = mapped_column(String(200))
    calls: Mapped[int] = mapped_column(Integer, default=1)
    input_tokens: Mapped[int] = mapped_column(Integer, default=0)
    output_tokens: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


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
