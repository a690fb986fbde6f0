"""Async tailoring: accept a request now (every check the synchronous call makes, and the
quota slot), run it later on a job runner through the same service call.

The slot is reserved when the request is accepted, so a 202 means the quota had room;
the job counts that slot when it succeeds and gives it back when it fails.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.config import Settings
from refleum.db import Database
from refleum.documents.render.pool import RenderPool
from refleum.jobs.api_queue import ApiJobRepository, new_job
from refleum.jobs.models import ApiJob
from refleum.limits.gating import Feature, check_output_language, ensure_plan_allows
from refleum.limits.quotas import TailorReservation, release_tailor_slot, reserve_tailor_slot
from refleum.llm.secrets import SecretBox
from refleum.llm.service import get_config
from refleum.orgs.models import Organization
from refleum.tailoring import service
from refleum.tailoring.presenter import tailor_response
from refleum.tailoring.schemas import TailorRequest

KIND = "tailor"


async def accept(
    session: AsyncSession,
    db: Database,
    org: Organization,
    resume_id: str,
    body: TailorRequest,
    base_url: str,
) -> ApiJob:
    """The synchronous call's refusals (403, 400, 404, then 429), then a queued job."""
    ensure_plan_allows(org, Feature.TAILOR)
    config = await get_config(session, org.id)
    check_output_language(org, body.output_language or config.content_language)
    await service.prepare(session, org.id, resume_id)
    reservation = await reserve_tailor_slot(db, session, org)
    request = {
        "resume_id": resume_id,
        "body": body.model_dump(mode="json", exclude={"async_"}),
        "base_url": base_url,
        "reservation": {"month": reservation.month, "quota": reservation.quota},
    }
    return await ApiJobRepository(session, org.id).add(new_job(org.id, KIND, request))


async def run(
    session: AsyncSession,
    org: Organization,
    request: dict[str, Any],
    *,
    db: Database,
    settings: Settings,
    secrets: SecretBox,
    render_pool: RenderPool,
) -> dict[str, Any]:
    """The job's work, in ``session`` (the caller commits it with the job's result): the
    ``data`` the synchronous call would have answered."""
    held = request["reservation"]
    done = await service.tailor_resume(
        session,
        org,
        request["resume_id"],
        TailorRequest.model_validate(request["body"]),
        db=db,
        settings=settings,
        secrets=secrets,
        render_pool=render_pool,
        reservation=TailorReservation(org.id, held["month"], held["quota"]),
    )
    return tailor_response(done, request["base_url"]).model_dump(mode="json")


async def abandon(db: Database, org_id: str, request: dict[str, Any]) -> None:
    """A job that will never run (interrupted too often): its quota slot goes back."""
    held = request["reservation"]
    await release_tailor_slot(db, TailorReservation(org_id, held["month"], held["quota"]))
