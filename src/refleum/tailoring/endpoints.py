"""POST /api/v1/resumes/{id}/tailor."""

from __future__ import annotations

from fastapi import APIRouter, Request

from refleum.db import SessionDep
from refleum.envelopes import Envelope, error_responses
from refleum.orgs.deps import CurrentOrg
from refleum.tailoring.request import handle_tailor
from refleum.tailoring.schemas import TailorRequest, TailorResponse

router = APIRouter(
    prefix="/api/v1",
    tags=["tailoring"],
    responses=error_responses(400, 401, 403, 404, 429, 502, 504),
)


@router.post("/resumes/{id}/tailor", status_code=201)
async def tailor_resume(
    id: str, body: TailorRequest, request: Request, org: CurrentOrg, session: SessionDep
) -> Envelope[TailorResponse]:
    return Envelope(data=await handle_tailor(request, session, org, id, body))
