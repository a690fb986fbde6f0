"""The organization's resumes: the list, one resume read in full, and its documents."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError

from refleum.db import SessionDep
from refleum.documents.render.deps import RenderPoolDep
from refleum.errors import PdfRenderFailed
from refleum.letters import service as letters
from refleum.letters.kinds import Kind
from refleum.resume_data import ResumeData
from refleum.resumes import reads, service
from refleum.resumes.exports import DOCX_TYPE, docx_export, markdown_export, pdf_export
from refleum.resumes.repository import ResumeRepository
from refleum.web.dashboard.letters import URL_KINDS
from refleum.web.dashboard.pages import PageNotFound, or_404, page_router
from refleum.web.deps import CurrentMember
from refleum.web.templating import render

router = page_router()

PAGE_SIZE = 20
MAX_OFFSET = 100_000  # as the API's
LETTERS_SHOWN = 50  # per kind, newest first


@router.get("/resumes", response_class=HTMLResponse)
async def list_resumes(request: Request, signed_in: CurrentMember, offset: str = "0"):
    # A hand-edited offset gives the first page, not the API's JSON 422.
    offset = min(max(int(offset), 0), MAX_OFFSET) if offset.isdigit() else 0
    rows, total = await reads.page(
        request.app.state.db.reads,
        signed_in.org.id,
        include_master=True,
        limit=PAGE_SIZE,
        offset=offset,
    )
    return render(
        request,
        "dashboard/resumes.html",
        signed_in,
        active="resumes",
        resumes=rows,
        total=total,
        offset=offset,
        page_size=PAGE_SIZE,
    )


def readable(structured: dict | None) -> ResumeData | None:
    """The parsed data, or None when there is none (still parsing, failed) or it no
    longer fits the schema (the page then says so rather than failing)."""
    if not structured:
        return None
    try:
        return ResumeData.model_validate(structured)
    except ValidationError:
        return None


@router.get("/resumes/{resume_id}", response_class=HTMLResponse)
async def show_resume(
    resume_id: str, request: Request, signed_in: CurrentMember, session: SessionDep
):
    org_id = signed_in.org.id
    resume = await or_404(service.get_resume(session, org_id, resume_id))
    shown = {}
    for kind in Kind:
        rows, total = await letters.list_letters(
            session, org_id, resume_id, kind, limit=LETTERS_SHOWN, offset=0
        )
        shown[kind] = (rows, total)
    return render(
        request,
        "dashboard/resume.html",
        signed_in,
        active="resumes",
        resume=resume,
        data=readable(resume.structured_data),
        children=await ResumeRepository(session, org_id).children(resume_id),
        letters=shown,
        url_kinds={kind: path for path, kind in URL_KINDS.items()},
    )


@router.get("/resumes/{resume_id}/download/{fmt}")
async def download(
    resume_id: str,
    fmt: str,
    request: Request,
    signed_in: CurrentMember,
    session: SessionDep,
    render_pool: RenderPoolDep,
) -> Response:
    """The API's exports, opened by the session: same services, same files."""
    if fmt not in ("pdf", "docx", "md"):
        raise PageNotFound("No such format: PDF, DOCX or Markdown (md)")
    resume = await ResumeRepository(session, signed_in.org.id).get(resume_id)
    # Reading the session may have written (last seen): end that transaction now, so a
    # render that can take a while never holds SQLite's write lock (as the API's export).
    await session.commit()
    if fmt == "pdf":
        try:
            data, filename = await or_404(pdf_export(session, render_pool, resume))
        except PdfRenderFailed as exc:
            return render(
                request,
                "message.html",
                signed_in,
                status_code=exc.status,
                heading="The PDF could not be made",
                message=exc.detail,
                back=f"/dashboard/resumes/{resume_id}",
            )
        media_type = "application/pdf"
    elif fmt == "docx":
        data, filename = await or_404(docx_export(resume))
        media_type = DOCX_TYPE
    else:
        data, filename = await or_404(markdown_export(resume))
        media_type = "text/markdown; charset=utf-8"
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return Response(data, media_type=media_type, headers=headers)
