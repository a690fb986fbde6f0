"""Async letters: ``generate`` accepted now (its checks: resume READY, a JD, the language),
written later on a job runner through the same service call."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.config import Settings
from refleum.db import Database
from refleum.errors import NoJobDescription
from refleum.jobs.api_queue import ApiJobRepository, new_job
from refleum.jobs.models import ApiJob
from refleum.letters import service
from refleum.letters.engine_types import LetterEngine
from refleum.letters.engines import engine_for
from refleum.letters.kinds import Kind
from refleum.letters.schemas import CoverLetterOut, LetterRequest, OutreachOut
from refleum.llm.secrets import SecretBox
from refleum.llm.service import get_config
from refleum.orgs.models import Organization
from refleum.resumes.service import get_resume

SHAPES = {Kind.COVER_LETTER: CoverLetterOut, Kind.OUTREACH: OutreachOut}


async def accept(
    session: AsyncSession,
    org: Organization,
    resume_id: str,
    kind: Kind,
    request: LetterRequest,
    engine: LetterEngine,
) -> ApiJob:
    """The synchronous call's refusals (400, 404), then a queued job."""
    resume = await get_resume(session, org.id, resume_id)
    service.resume_content(resume)
    job_description = request.job_description or resume.job_description
    if not job_description or not job_description.strip():
        raise NoJobDescription()
    language = request.output_language or (await get_config(session, org.id)).content_language
    service.check_language(org, language, engine)
    body = request.model_dump(mode="json", exclude={"async_"})
    job = new_job(org.id, kind.value, {"resume_id": resume_id, "body": body})
    return await ApiJobRepository(session, org.id).add(job)


def _work_for(kind: Kind):
    async def run(
        session: AsyncSession,
        org: Organization,
        request: dict[str, Any],
        *,
        db: Database,
        settings: Settings,
        secrets: SecretBox,
        **_: object,
    ) -> dict[str, Any]:
        engine = engine_for(
            await get_config(session, org.id),
            secrets,
            allow_private=settings.llm_allow_private_base,
            timeout_s=settings.tailor_timeout_s,
        )
        try:
            body = LetterRequest.model_validate(request["body"])
            letter = await service.generate(session, org, request["resume_id"], kind, body, engine)
        finally:
            await engine.aclose()
        return SHAPES[kind].of(letter).model_dump(mode="json")

    return run


WORK = {kind.value: _work_for(kind) for kind in Kind}
