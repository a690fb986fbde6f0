"""One POST /resumes/{id}/tailor request: plan, language, quota, engine, pipeline, PDF,
letters, usage — in that order, so a refused request costs nothing."""

from __future__ import annotations

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.ids import new_id
from refleum.letters.engines import engine_for as letter_engine_for
from refleum.letters.for_tailoring import generate_letters_for_tailoring
from refleum.limits.gating import Feature, check_output_language, ensure_plan_allows
from refleum.limits.quotas import record_llm_usage, reserve_tailor_call
from refleum.llm import service as llm_service
from refleum.llm.models import LLMCall
from refleum.llm.usage import LLMUsage
from refleum.orgs.models import Organization
from refleum.orgs.plans import plan_limits
from refleum.resumes.pdf_service import render_pdf, store_pdf
from refleum.tailoring import service
from refleum.tailoring.engines import tailoring_engine_for
from refleum.tailoring.repository import KeywordCacheRepository
from refleum.tailoring.schemas import (
    ChangeOut,
    JobKeywords,
    Strategy,
    TailorRequest,
    TailorResponse,
    UsageOut,
)


def pdf_url(request: Request, resume_id: str) -> str:
    base = request.app.state.settings.public_base_url or str(request.base_url)
    return f"{base.rstrip('/')}/api/v1/resumes/{resume_id}/pdf"


async def handle_tailor(
    request: Request, session: AsyncSession, org: Organization, resume_id: str, body: TailorRequest
) -> TailorResponse:
    app, settings = request.app, request.app.state.settings
    ensure_plan_allows(org, Feature.TAILOR)
    config = await llm_service.get_config(session, org.id)
    language = body.output_language or config.content_language
    check_output_language(org, language)
    strategy = body.strategy or Strategy(config.default_prompt_id.upper())
    engine, client = tailoring_engine_for(
        config,
        app.state.secrets,
        allow_private=settings.llm_allow_private_base,
        timeout_s=settings.tailor_timeout_s,
    )
    try:
        cached = await _cached_keywords(session, org.id, engine.name, body.job_description)
        # A missing resume or truth source is refused before the quota is touched; the
        # commit ends any write (e.g. the key's last_used_at) so that on SQLite the
        # reservation's own connection is not locked out by this session.
        await service.prepare(session, org.id, resume_id)
        await session.commit()
        async with reserve_tailor_call(app.state.db, org):
            result = await service.tailor(
                session,
                org.id,
                resume_id,
                engine=engine,
                job_description=body.job_description,
                strategy=strategy,
                language=language,
                timeout_s=settings.tailor_timeout_s,
                keywords=cached,
            )
            await _cache_keywords(
                session, org.id, engine.name, body.job_description, result.outcome.keywords
            )
            letters = await _letters(session, org, config, result, language, app, settings)
            url = await _pdf(session, request, result) if body.generate_pdf else None
            # The tailored resume commits before the quota use does: on SQLite a second
            # connection cannot write while this session holds the write lock, and a
            # failure here still releases the reservation.
            await session.commit()
    finally:
        if client is not None:
            await client.aclose()
    usage = result.outcome.usage
    await _record_usage(session, app, org.id, engine.name, usage)
    return _response(result, strategy, url, letters, usage)


async def _letters(session, org, config, result, language, app, settings):
    if not (config.enable_cover_letter or config.enable_outreach_message):
        return None
    engine = letter_engine_for(
        config,
        app.state.secrets,
        allow_private=settings.llm_allow_private_base,
        timeout_s=settings.tailor_timeout_s,
    )
    try:
        return await generate_letters_for_tailoring(
            session,
            org.id,
            result.child,
            result.outcome.resume,
            result.truth,
            result.child.job_description,
            language,
            cover_letter=config.enable_cover_letter,
            outreach=config.enable_outreach_message,
            parallel=plan_limits(org.plan).parallel_generation,
            engine=engine,
        )
    finally:
        await engine.aclose()


async def _pdf(session, request: Request, result) -> str | None:
    pdf = await render_pdf(request.app.state.render_pool, result.child)
    await store_pdf(session, result.child, pdf)
    return pdf_url(request, result.child.id)


async def _record_usage(session, app, org_id: str, engine_name: str, usage: LLMUsage) -> None:
    if usage.calls == 0:
        return
    provider, _, model = engine_name.partition(":")
    session.add(
        LLMCall(
            id=new_id("llm"),
            org_id=org_id,
            purpose="tailor",
            provider=provider,
            model=model,
            calls=usage.calls,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            created_at=utcnow(),
        )
    )
    await record_llm_usage(
        app.state.db, org_id, usage.calls, usage.input_tokens, usage.output_tokens
    )


def _response(
    result, strategy: Strategy, url: str | None, letters, usage: LLMUsage
) -> TailorResponse:
    child, outcome = result.child, result.outcome
    warnings = [*outcome.warnings, *(letters.warnings if letters else [])]
    total = usage + letters.usage if letters else usage
    return TailorResponse(
        resume_id=child.id,
        is_master=child.is_master,
        status=child.status,
        filename=child.filename,
        strategy=strategy,
        job_keywords=outcome.keywords,
        parent_id=child.parent_id,
        pdf_url=url,
        refinement_stats=outcome.stats,
        warnings=warnings,
        resume_data=outcome.resume.model_dump(),
        changes=[ChangeOut(**c.model_dump()) for c in outcome.changes],
        gaps=outcome.gaps,
        usage=UsageOut(
            llm_calls=total.calls,
            input_tokens=total.input_tokens,
            output_tokens=total.output_tokens,
        ),
        cover_letter=letters.cover_letter if letters else None,
        outreach_message=letters.outreach_message if letters else None,
    )


async def _cached_keywords(session, org_id: str, engine_name: str, jd: str) -> JobKeywords | None:
    """A model's keywords for this JD, if this org already paid for them (local is free)."""
    if engine_name == "local":
        return None
    return await KeywordCacheRepository(session, org_id).get(engine_name, jd)


async def _cache_keywords(
    session, org_id: str, engine_name: str, jd: str, found: JobKeywords
) -> None:
    if engine_name != "local":
        await KeywordCacheRepository(session, org_id).put(engine_name, jd, found)
