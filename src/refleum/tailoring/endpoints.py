"""POST /api/v1/resumes/{id}/tailor."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Header, Request

from refleum.config import SettingsDep
from refleum.db import DatabaseDep, SessionDep
from refleum.documents.render.deps import RenderPoolDep
from refleum.envelopes import Envelope
from refleum.jobs.accepted import PREFER_DESCRIPTION, JobOut, accepted, wants_async
from refleum.llm.deps import SecretsDep
from refleum.orgs.deps import CurrentOrg
from refleum.tailoring import jobs, service
from refleum.tailoring.presenter import tailor_response
from refleum.tailoring.schemas import TailorRequest, TailorResponse

router = APIRouter(prefix="/api/v1", tags=["tailoring"])


ACCEPTED = {202: {"model": Envelope[JobOut], "description": "Accepted (`Prefer: respond-async`)"}}
PreferHeader = Annotated[str | None, Header(description=PREFER_DESCRIPTION)]


@router.post(
    "/resumes/{id}/tailor",
    status_code=201,
    operation_id="tailorResume",
    response_model=Envelope[TailorResponse],
    responses=ACCEPTED,
)
async def tailor_resume(
    id: str,
    body: TailorRequest,
    request: Request,
    org: CurrentOrg,
    session: SessionDep,
    db: DatabaseDep,
    settings: SettingsDep,
    secrets: SecretsDep,
    render_pool: RenderPoolDep,
    background: BackgroundTasks,
    prefer: PreferHeader = None,
):
    base = settings.public_base_url or str(request.base_url)
    if wants_async(prefer, body.async_):
        job = await jobs.accept(session, db, org, id, body, base)
        background.add_task(request.app.state.api_jobs.wake)  # runs after the commit
        return accepted(job)
    done = await service.tailor_resume(
        session, org, id, body, db=db, settings=settings, secrets=secrets, render_pool=render_pool
    )
    return Envelope(data=tailor_response(done, base))
