"""POST /api/v1/resumes/{id}/tailor."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request

from refleum.config import SettingsDep
from refleum.db import DatabaseDep, SessionDep
from refleum.documents.render.deps import RenderPoolDep
from refleum.envelopes import Envelope
from refleum.llm.deps import SecretsDep
from refleum.orgs.deps import CurrentOrg
from refleum.tailoring import service
from refleum.tailoring.schemas import (
    ChangeOut,
    RejectedOut,
    SkillShownOut,
    TailorRequest,
    TailorResponse,
    TailorUsage,
)

router = APIRouter(prefix="/api/v1", tags=["tailoring"])


@router.post("/resumes/{id}/tailor", status_code=201, operation_id="tailorResume")
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
) -> Envelope[TailorResponse]:
    done = await service.tailor_resume(
        session, org, id, body, db=db, settings=settings, secrets=secrets, render_pool=render_pool
    )
    base = settings.public_base_url or str(request.base_url)
    return Envelope(data=_response(done, base))


def pdf_url(base: str, resume_id: str) -> str:
    return f"{base.rstrip('/')}/api/v1/resumes/{resume_id}/pdf"


def _response(done: service.Tailored, base: str) -> TailorResponse:
    child, outcome, letters = done.child, done.outcome, done.letters
    warnings = [*outcome.warnings, *(letters.warnings if letters else [])]
    total = outcome.usage + letters.usage if letters else outcome.usage
    return TailorResponse(
        resume_id=child.id,
        is_master=child.is_master,
        status=child.status,
        filename=child.filename,
        strategy=done.strategy,
        job_keywords=outcome.keywords,
        parent_id=child.parent_id,
        pdf_url=pdf_url(base, child.id) if done.has_pdf else None,
        refinement_stats=outcome.stats,
        warnings=warnings,
        resume_data=outcome.resume,
        changes=[ChangeOut(**c.model_dump()) for c in outcome.changes],
        rejected=[RejectedOut(path=r.path[:200], reason=r.public_reason) for r in outcome.rejected],
        gaps=outcome.gaps,
        skills_shown=[SkillShownOut(**asdict(e)) for e in outcome.skills_shown],
        usage=TailorUsage(
            llm_calls=total.calls,
            input_tokens=total.input_tokens,
            output_tokens=total.output_tokens,
        ),
        cover_letter=letters.cover_letter if letters else None,
        outreach_message=letters.outreach_message if letters else None,
    )
