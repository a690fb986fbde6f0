"""GET /api/v1/jobs/{id}: an async request's status, and its result or error when done."""

from __future__ import annotations

from fastapi import APIRouter

from refleum.db import SessionDep
from refleum.envelopes import Envelope
from refleum.errors import NotFound
from refleum.jobs.accepted import JobOut
from refleum.jobs.api_queue import ApiJobRepository
from refleum.orgs.deps import CurrentOrg

router = APIRouter(prefix="/api/v1", tags=["jobs"])


@router.get("/jobs/{job_id}", operation_id="getJob")
async def get_job(job_id: str, org: CurrentOrg, session: SessionDep) -> Envelope[JobOut]:
    job = await ApiJobRepository(session, org.id).get(job_id)
    if job is None:
        raise NotFound("job")
    return Envelope(data=JobOut.of(job))
