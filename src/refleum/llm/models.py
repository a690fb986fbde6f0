from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
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
