"""The tailor call's answer, built from a finished request: the same for the synchronous
response and an async job's result."""

from __future__ import annotations

from dataclasses import asdict

from refleum.tailoring import service
from refleum.tailoring.schemas import (
    ChangeOut,
    RejectedOut,
    SkillShownOut,
    TailorResponse,
    TailorUsage,
)


def pdf_url(base: str, resume_id: str) -> str:
    return f"{base.rstrip('/')}/api/v1/resumes/{resume_id}/pdf"


def tailor_response(done: service.Tailored, base: str) -> TailorResponse:
    child, outcome, letters = done.child, done.outcome, done.letters
    warnings = [*outcome.warnings, *(letters.warnings if letters else []), *done.notes]
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
