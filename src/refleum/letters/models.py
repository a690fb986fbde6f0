from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow


class Letter(Base):
    """A cover letter or an outreach message written for one resume and one JD.

    ``kind`` tells them apart; ``connection_note`` is set for outreach only. Rows go
    with their resume (ON DELETE CASCADE) and with their organization.
    """

    __tablename__ = "letters"
    __table_args__ = (Index("ix_letters_resume_kind_created", "resume_id", "kind", "created_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    org_id: Mapped[str] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    resume_id: Mapped[str] = mapped_column(ForeignKey("resumes.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    content: Mapped[str] = mapped_column(Text)
    connection_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    job_description: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(35))
    # "local" or "<provider>:<model>": which engine wrote the current content.
    engine: Mapped[str] = mapped_column(String(250))
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
