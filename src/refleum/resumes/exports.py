"""Resume documents: the PDF (cached; public for tailored resumes) and the authenticated
DOCX/Markdown exports. Every render runs off the event loop: the PDF in the render pool's
worker processes, DOCX and Markdown in a thread."""

from __future__ import annotations

import asyncio
import re
import unicodedata
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import SessionDep
from refleum.documents.render import render_docx, render_markdown
from refleum.documents.render.deps import RenderPoolDep
from refleum.documents.render.pool import RenderPool
from refleum.limits.enforce import OrgRateLimit, limit_by_address
from refleum.orgs.deps import CurrentOrg, org_for_request
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume
from refleum.resumes.pdf_service import (
    DEFAULT_PAGE_SIZE,
    DEFAULT_TEMPLATE,
    content,
    layout,
    pdf_bytes,
)
from refleum.resumes.repository import ResumeRepository, find_for_public_pdf

router = APIRouter(prefix="/api/v1", tags=["resumes"])

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_BINARY = {"type": "string", "format": "binary"}


def _document(media_type: str, what: str, schema: dict = _BINARY) -> dict:
    """The 200 of a document export: that media type only, never JSON."""
    return {200: {"description": what, "content": {media_type: {"schema": schema}}}}


Template = Literal["classic", "modern"]
PageSize = Literal["A4", "Letter"]


def _filename(resume: Resume, data: ResumeData, ext: str) -> str:
    # ASCII only: a header value must be, and "José García" -> "jose-garcia" reads fine.
    ascii_name = unicodedata.normalize("NFKD", data.personalInfo.name).encode("ascii", "ignore")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.decode().lower()).strip("-")
    return f"{slug}-resume.{ext}" if slug else f"resume.{ext}"


def _sends_key(request: Request) -> bool:
    return "authorization" in request.headers or "x-api-key" in request.headers


async def _pdf_resume(request: Request, session: AsyncSession, resume_id: str) -> Resume | None:
    """The resume this request may have as a PDF, else None (answered as 404).

    A tailored resume is public: the contract's pdf_url is handed to people without a key,
    and the unguessable id is the secret. An uploaded original carries the candidate's own
    contact details as uploaded, so only its organization's key fetches its PDF.
    """
    resume = await find_for_public_pdf(session, resume_id)
    # file_kind marks an upload for good; parent_id goes NULL when the original is deleted.
    if resume is None or resume.file_kind is None:
        return resume
    if not _sends_key(request):
        return None
    org = await org_for_request(request)  # a bad key is 401, as on every endpoint
    return resume if org.id == resume.org_id else None


@router.get(
    "/resumes/{id}/pdf",
    operation_id="getResumePdf",
    dependencies=[Depends(limit_by_address)],
    response_class=Response,
    responses=_document("application/pdf", "The resume as PDF"),
    # The key is optional: {} is "no key", for a tailored resume.
    openapi_extra={"security": [{}, {"HTTPBearer": []}, {"APIKeyHeader": []}]},
)
async def get_resume_pdf(
    id: str,
    request: Request,
    session: SessionDep,
    render_pool: RenderPoolDep,
    template: Annotated[Template, Query(description="The layout.")] = DEFAULT_TEMPLATE,
    page_size: Annotated[PageSize, Query(description="The paper size.")] = DEFAULT_PAGE_SIZE,
    download: Annotated[
        bool, Query(description="true: Content-Disposition attachment instead of inline.")
    ] = False,
) -> Response:
    """A tailored resume's PDF needs no key; an uploaded original's needs its org's key."""
    resume, data = content(await _pdf_resume(request, session, id))
    # End the lookup's transaction now, so a render that can take a minute holds no
    # connection, and never SQLite's write lock, while it runs.
    await session.commit()
    pdf = await pdf_bytes(session, render_pool, resume, template, page_size)
    disposition = "attachment" if download else "inline"
    headers = {
        "Content-Disposition": f'{disposition}; filename="{_filename(resume, data, "pdf")}"',
        "Cache-Control": "private, no-cache",
    }
    return Response(pdf, media_type="application/pdf", headers=headers)


async def docx_export(resume: Resume | None) -> tuple[bytes, str]:
    """The DOCX of a resume with content (else NotFound) and its download filename."""
    resume, data = content(resume)
    docx = await asyncio.to_thread(render_docx, data, **layout(resume))
    return docx, _filename(resume, data, "docx")


async def markdown_export(resume: Resume | None) -> tuple[str, str]:
    """The Markdown of a resume with content (else NotFound) and its download filename."""
    resume, data = content(resume)
    text = await asyncio.to_thread(render_markdown, data, **layout(resume))
    return text, _filename(resume, data, "md")


async def pdf_export(
    session: AsyncSession, render_pool: RenderPool, resume: Resume | None
) -> tuple[bytes, str]:
    """The PDF (cached, default layout) of a resume with content and its download filename."""
    resume, data = content(resume)
    pdf = await pdf_bytes(session, render_pool, resume, DEFAULT_TEMPLATE, DEFAULT_PAGE_SIZE)
    return pdf, _filename(resume, data, "pdf")


@router.get(
    "/resumes/{id}/docx",
    operation_id="getResumeDocx",
    dependencies=[OrgRateLimit],
    response_class=Response,
    responses=_document(DOCX_TYPE, "The resume as a Word document"),
)
async def get_resume_docx(id: str, org: CurrentOrg, session: SessionDep) -> Response:
    docx, filename = await docx_export(await ResumeRepository(session, org.id).get(id))
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(docx, media_type=DOCX_TYPE, headers=headers)


@router.get(
    "/resumes/{id}/markdown",
    operation_id="getResumeMarkdown",
    dependencies=[OrgRateLimit],
    response_class=Response,
    # Text, not bytes: generated clients hand it over as a str.
    responses=_document("text/markdown", "The resume as Markdown", {"type": "string"}),
)
async def get_resume_markdown(id: str, org: CurrentOrg, session: SessionDep) -> Response:
    text, _ = await markdown_export(await ResumeRepository(session, org.id).get(id))
    return Response(text, media_type="text/markdown; charset=utf-8")
