"""The rendered-PDF cache, and the one resume lookup that is not scoped to an organization.

Rows are keyed by (resume_id, content_version, template, page_size). Every content change
bumps ``content_version``, so a stale row is simply never asked for again; storing a new
version deletes the older ones of that resume so they do not pile up.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from refleum.db import Base, UTCDateTime, utcnow
from refleum.resumes.models import Resume


class PdfCache(Base):
    __tablename__ = "pdf_cache"

    resume_id: Mapped[str] = mapped_column(
        ForeignKey("resumes.id", ondelete="CASCADE"), primary_key=True
    )
    content_version: Mapped[int] = mapped_column(Integer, primary_key=True)
    template: Mapped[str] = mapped_column(String(20), primary_key=True)
    page_size: Mapped[str] = mapped_column(String(10), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


async def get_for_public_pdf(session: AsyncSession, resume_id: str) -> Resume | None:
    """A resume by id alone, for ``GET /resumes/{id}/pdf`` only.

    The one deliberate exception to org scoping (ResumeRepository): the contract makes that
    endpoint public for tailored resumes, with the unguessable id (80 random bits) as the
    secret; the endpoint itself checks the key for an uploaded original (exports.py).
    """
    return await session.scalar(select(Resume).where(Resume.id == resume_id))


async def cached(
    session: AsyncSession, resume: Resume, template: str, page_size: str
) -> bytes | None:
    return await session.scalar(
        select(PdfCache.data).where(
            PdfCache.resume_id == resume.id,
            PdfCache.content_version == resume.content_version,
            PdfCache.template == template,
            PdfCache.page_size == page_size,
        )
    )


async def store(
    session: AsyncSession, resume: Resume, template: str, page_size: str, data: bytes
) -> None:
    """Keep a render; a concurrent request that stored the same key first wins quietly."""
    await session.execute(
        delete(PdfCache).where(
            PdfCache.resume_id == resume.id, PdfCache.content_version < resume.content_version
        )
    )
    insert = pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
    await session.execute(
        insert(PdfCache)
        .values(
            resume_id=resume.id,
            content_version=resume.content_version,
            template=template,
            page_size=page_size,
            data=data,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing()
    )
