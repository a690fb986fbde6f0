"""The 202 side of an async request: whether the client asked for it, and the job resource.

``Prefer: respond-async`` (RFC 7240) or ``"async": true`` in the body; the answer is 202
with the job in the envelope and ``Location`` naming ``GET /api/v1/jobs/{id}``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from refleum.jobs.models import ApiJob

JOBS_PATH = "/api/v1/jobs"
PREFER_DESCRIPTION = (
    "`respond-async` to get 202 and a job to poll (`GET /api/v1/jobs/{id}`) instead of "
    "holding the connection while the model works (RFC 7240)."
)


def wants_async(prefer: str | None, flag: bool = False) -> bool:
    """True for ``Prefer: respond-async`` (any case, among other preferences) or the flag."""
    if flag:
        return True
    if not prefer:
        return False
    tokens = (part.split(";")[0].split("=")[0].strip().lower() for part in prefer.split(","))
    return "respond-async" in tokens


class JobLinks(BaseModel):
    self: str = Field(description="Poll this: `GET /api/v1/jobs/{id}`.")


class JobError(BaseModel):
    error: str = Field(description="The error code the synchronous call would have answered.")
    detail: str


class JobOut(BaseModel):
    id: str = Field(examples=["job_01jd7h2k9q8x4m5n6p7r8s9t0v"])
    kind: Literal["tailor", "cover_letter", "outreach"]
    status: Literal["queued", "running", "succeeded", "failed"]
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    result: dict[str, Any] | None = Field(
        default=None,
        description="When `succeeded`: the `data` the synchronous call would have answered.",
    )
    error: JobError | None = Field(
        default=None, description="When `failed`: the error envelope's values."
    )
    links: JobLinks

    @classmethod
    def of(cls, job: ApiJob) -> JobOut:
        error = (
            JobError(error=job.error_code, detail=job.error_detail or "")
            if job.error_code
            else None
        )
        return cls(
            id=job.id,
            kind=job.kind,
            status=job.status,
            created_at=job.created_at,
            updated_at=job.updated_at,
            finished_at=job.finished_at,
            result=job.result,
            error=error,
            links=JobLinks(self=f"{JOBS_PATH}/{job.id}"),
        )


def accepted(job: ApiJob) -> JSONResponse:
    """202, the job in the envelope, ``Location`` to poll."""
    body = {"data": JobOut.of(job).model_dump(mode="json")}
    return JSONResponse(body, status_code=202, headers={"Location": f"{JOBS_PATH}/{job.id}"})
