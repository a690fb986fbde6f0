"""Resume endpoints: HTTP only. Rules live in service.py, SQL in repository.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, File, Form, Query, Request, Response, UploadFile

from refleum.db import SessionDep
from refleum.envelopes import (
    Envelope,
    ListEnvelope,
    PageLimit,
    PageMeta,
    PageOffset,
)
from refleum.orgs.deps import CurrentOrg
from refleum.resumes import reads, service
from refleum.resumes.reads import RenderedResumes
from refleum.resumes.schemas import ResumeDeleted, ResumeOut, ResumePatch, ResumeSummary
from refleum.resumes.upload import (
    SET_AS_MASTER_DESCRIPTION,
    UPLOAD_FILE_DESCRIPTION,
    UPLOAD_FILE_SCHEMA,
    FormBool,
    clean_filename,
    read_upload,
)

router = APIRouter(prefix="/api/v1", tags=["resumes"])


@router.post("/resumes", status_code=201, operation_id="uploadResume")
async def upload_resume(
    request: Request,
    org: CurrentOrg,
    session: SessionDep,
    background: BackgroundTasks,
    file: Annotated[
        UploadFile, File(description=UPLOAD_FILE_DESCRIPTION, json_schema_extra=UPLOAD_FILE_SCHEMA)
    ],
    set_as_master: Annotated[FormBool, Form(description=SET_AS_MASTER_DESCRIPTION)] = "false",
) -> Envelope[ResumeSummary]:
    data, kind = await read_upload(file, request.app.state.settings.max_upload_bytes)
    resume = await service.create_upload(
        session,
        org.id,
        filename=clean_filename(file.filename, kind),
        kind=kind,
        data=data,
        set_as_master=set_as_master == "true",
    )
    background.add_task(request.app.state.jobs.wake)  # runs after the commit
    return Envelope(data=ResumeSummary.of(resume))


@router.get("/resumes", operation_id="listResumes")
async def list_resumes(
    request: Request,
    org: CurrentOrg,
    include_master: Annotated[
        bool, Query(description="Also list the organization's master resume.")
    ] = False,
    limit: PageLimit = 20,
    offset: PageOffset = 0,
) -> ListEnvelope[ResumeSummary]:
    rows, total = await reads.page(
        request.app.state.db.reads,
        org.id,
        include_master=include_master,
        limit=limit,
        offset=offset,
    )
    return ListEnvelope(
        data=[ResumeSummary.of(r) for r in rows],
        meta=PageMeta(limit=limit, offset=offset, total=total),
    )


@router.get("/resumes/{id}", operation_id="getResume", response_model=Envelope[ResumeOut])
async def get_resume(id: str, request: Request, org: CurrentOrg) -> Response:
    # The API's hot read (clients poll it): no session, and the rendered body is reused
    # while the row is unchanged (resumes/reads.py).
    rendered: RenderedResumes = request.app.state.rendered_resumes
    body = await rendered.body(request.app.state.db.reads, org.id, id)
    return Response(body, media_type="application/json")


@router.patch("/resumes/{id}", operation_id="updateResume")
async def patch_resume(
    id: str, body: ResumePatch, org: CurrentOrg, session: SessionDep
) -> Envelope[ResumeOut]:
    return Envelope(data=ResumeOut.of(await service.patch_resume(session, org.id, id, body)))


@router.delete("/resumes/{id}", operation_id="deleteResume")
async def delete_resume(id: str, org: CurrentOrg, session: SessionDep) -> Envelope[ResumeDeleted]:
    await service.delete_resume(session, org.id, id)
    return Envelope(data=ResumeDeleted(resume_id=id))


@router.post("/resumes/{id}/retry", operation_id="retryResume")
async def retry_resume(
    id: str, request: Request, org: CurrentOrg, session: SessionDep, background: BackgroundTasks
) -> Envelope[ResumeOut]:
    resume = await service.retry_parse(session, org.id, id)
    background.add_task(request.app.state.jobs.wake)
    return Envelope(data=ResumeOut.of(resume))
