from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow


class ResumeStatus(StrEnum):
    PROCESSING = "PROCESSING"
    READY = "READY"
    FAILED = "FAILED"


class Resume(Base):
    """A resume: an uploaded original or a tailored child (``parent_id`` set).

    The row is also the parse job: ``status == PROCESSING`` means work is owed, and
    ``lease_until`` says until when a worker (``lease_owner``) holds it. A crash leaves the
    row PROCESSING with a dead owner, so the next worker picks it up.
    """

    __tablename__ = "resumes"
    __table_args__ = (
        # Exactly one master per organization, enforced by the database itself.
        Index(
            "uq_resumes_one_master_per_org",
            "org_id",
            unique=True,
            sqlite_where=text("is_master"),
            postgresql_where=text("is_master"),
        ),
        Index("ix_resumes_org_updated", "org_id", "updated_at"),
        Index("ix_resumes_status_lease", "status", "lease_until"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    org_id: Mapped[str] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    is_master: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default=ResumeStatus.PROCESSING)
    title: Mapped[str | None] = mapped_column(String(300), nullable=True)
    filename: Mapped[str] = mapped_column(String(300), default="")
    file_kind: Mapped[str | None] = mapped_column(String(10), nullable=True)
    markdown: Mapped[str | None] = mapped_column(Text, nullable=True)
    structured_data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Tailoring provenance (NULL for uploaded originals).
    parent_id: Mapped[str | None] = mapped_column(
        ForeignKey("resumes.id", ondelete="SET NULL"), nullable=True, index=True
    )
    strategy: Mapped[str | None] = mapped_column(String(20), nullable=True)
    job_description: Mapped[str | None] = mapped_column(Text, nullable=True)
    job_keywords: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # A snapshot of the truth source, so a tailored resume stays verifiable after its
    # source is deleted.
    truth_data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    tailoring: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # Bumped on every content change; caches (PDF) key on it.
    content_version: Mapped[int] = mapped_column(Integer, default=1)
    parse_attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The worker (jobs.models.Worker) holding the lease; when it is dead the row is free.
    lease_owner: Mapped[str | None] = mapped_column(String(40), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ResumeFile(Base):
    """The original uploaded bytes, kept apart so listing resumes never loads them."""

    __tablename__ = "resume_files"

    resume_id: Mapped[str] = mapped_column(
        ForeignKey("resumes.id", ondelete="CASCADE"), primary_key=True
    )
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PdfCache(Base):
    """A rendered PDF, keyed by (resume, content_version, template, page_size).

    Every content change bumps ``content_version``, so a stale row is simply never asked
    for again; storing a new version deletes the older ones of that resume.
    """

    __tablename__ = "pdf_cache"

    resume_id: Mapped[str] = mapped_column(
        ForeignKey("resumes.id", ondelete="CASCADE"), primary_key=True
    )
    content_version: Mapped[int] = mapped_column(Integer, primary_key=True)
    template: Mapped[str] = mapped_column(String(20), primary_key=True)
    page_size: Mapped[str] = mapped_column(String(10), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
