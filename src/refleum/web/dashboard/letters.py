"""A resume's cover letters and outreach messages: read in full on the resume's page
(resumes.py); deleting one (owners) is a confirmation page and a POST."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from refleum.db import SessionDep
from refleum.letters import service
from refleum.letters.kinds import Kind
from refleum.web.dashboard.pages import PageNotFound, or_404, page_router
from refleum.web.deps import CurrentOwner
from refleum.web.templating import render

router = page_router()

# The API's path segments, so a letter's dashboard URL reads like its API URL.
URL_KINDS = {"cover-letters": Kind.COVER_LETTER, "outreach": Kind.OUTREACH}


def _kind(segment: str) -> Kind:
    if segment not in URL_KINDS:
        raise PageNotFound()
    return URL_KINDS[segment]


@router.get("/resumes/{resume_id}/{kind}/{letter_id}/delete", response_class=HTMLResponse)
async def confirm_delete(
    resume_id: str,
    kind: str,
    letter_id: str,
    request: Request,
    signed_in: CurrentOwner,
    session: SessionDep,
):
    letter = await or_404(
        service.get_letter(session, signed_in.org.id, resume_id, _kind(kind), letter_id)
    )
    return render(
        request,
        "dashboard/letter_delete.html",
        signed_in,
        active="resumes",
        letter=letter,
        label=_kind(kind).label,
        action=f"/dashboard/resumes/{resume_id}/{kind}/{letter_id}/delete",
        back=f"/dashboard/resumes/{resume_id}#letters",
    )


@router.post("/resumes/{resume_id}/{kind}/{letter_id}/delete")
async def delete(
    resume_id: str, kind: str, letter_id: str, signed_in: CurrentOwner, session: SessionDep
):
    await or_404(
        service.delete_letter(session, signed_in.org.id, resume_id, _kind(kind), letter_id)
    )
    return RedirectResponse(f"/dashboard/resumes/{resume_id}#letters", status_code=303)
