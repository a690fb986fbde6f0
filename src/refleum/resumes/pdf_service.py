"""A resume's PDF: rendered in the render pool's worker processes, cached per content version.

Takes the session and the render pool as arguments (no app, no request); never commits.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.documents.render import RenderFailed
from refleum.documents.render.pool import RenderPool
from refleum.errors import NotFound, PdfRenderFailed
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume
from refleum.resumes.repository import PdfCacheRepository

DEFAULT_TEMPLATE, DEFAULT_PAGE_SIZE = "classic", "A4"


def content(resume: Resume | None) -> tuple[Resume, ResumeData]:
    """The resume and its data; a resume without content has no document (404)."""
    if resume is None or not resume.structured_data:
        raise NotFound("resume")
    return resume, ResumeData.model_validate(resume.structured_data)


def layout(resume: Resume) -> dict:
    """Language and section order a tailoring chose; part of the content, so versioned."""
    tailoring = resume.tailoring or {}
    return {
        "language": tailoring.get("language") or "en",
        "section_order": tailoring.get("section_order"),
    }


async def render_pdf(
    pool: RenderPool,
    resume: Resume,
    template: str = DEFAULT_TEMPLATE,
    page_size: str = DEFAULT_PAGE_SIZE,
) -> bytes:
    """A fresh render, without touching the database (the resume may not be stored yet)."""
    resume, data = content(resume)
    try:
        return await pool.pdf(
            data,
            # Concurrent requests for one version and layout share one render.
            key=(resume.id, resume.content_version, template, page_size),
            org_id=resume.org_id,
            template=template,
            page_size=page_size,
            **layout(resume),
        )
    except RenderFailed as exc:
        raise PdfRenderFailed(f"PDF rendering failed: {exc}") from None


async def store_pdf(
    session: AsyncSession,
    resume: Resume,
    pdf: bytes,
    template: str = DEFAULT_TEMPLATE,
    page_size: str = DEFAULT_PAGE_SIZE,
) -> None:
    await PdfCacheRepository(session, resume.org_id).store(resume, template, page_size, pdf)


async def pdf_bytes(
    session: AsyncSession, pool: RenderPool, resume: Resume, template: str, page_size: str
) -> bytes:
    """The cached PDF, else a fresh render (in the pool) that is cached on the way out."""
    resume, _ = content(resume)
    hit = await PdfCacheRepository(session, resume.org_id).get(resume, template, page_size)
    if hit is not None:
        return hit
    pdf = await render_pdf(pool, resume, template, page_size)
    await store_pdf(session, resume, pdf, template, page_size)
    return pdf
