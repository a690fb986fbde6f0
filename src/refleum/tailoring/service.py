"""POST /resumes/{id}/tailor: one tailoring request, from its checks to its writes.

Takes what it needs as arguments (the endpoint resolves them): the request's session, the
database for the quota's own transactions, settings, secrets and the render pool. Never
commits: the request's session commits once, after the endpoint returns.

Order: plan, language, resume and truth source (400/403/404), then the quota (429), so a
refused request costs nothing. Then the slow work (model calls, letters, PDF render)
with no write pending, and only then every write at once, the quota's count last.

Why writes wait for the end: the quota slot is reserved in its own short transaction, so
concurrent requests (and processes) see it at once and can never pass the quota; on
SQLite that transaction needs the database's write lock, which this session would hold
from its first write to its commit. Writing late keeps that lock for milliseconds instead
of for the model calls, so other requests' reservations never wait on ours. The count
(-1 reserved, +1 used) is a write of this session: the tailored resume and its quota use
commit together or not at all, and a rollback gives the slot back (limits.quotas).
"""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.analysis.job_description import JobKeywords
from refleum.config import Settings
from refleum.db import Database, utcnow
from refleum.documents.render.pool import RenderPool
from refleum.errors import LLMProviderFailed, NoMasterResume, Timeout, ValidationFailed
from refleum.events import TAILOR_COMPLETED, TAILOR_FAILED, record_event
from refleum.ids import new_id
from refleum.letters.engines import engine_for as letter_engine_for
from refleum.letters.for_tailoring import (
    LetterDrafts,
    TailoringLetters,
    draft_letters_for_tailoring,
    store_letters_for_tailoring,
)
from refleum.limits.gating import Feature, check_output_language, ensure_plan_allows
from refleum.limits.quotas import (
    TailorReservation,
    count_tailor_call,
    hold_reservation,
    reserve_tailor_slot,
)
from refleum.llm.accounting import record_llm_usage
from refleum.llm.models import LLMConfig
from refleum.llm.secrets import SecretBox
from refleum.llm.service import get_config
from refleum.llm.structured import LLMProviderError, LLMTimeout
from refleum.orgs.models import Organization
from refleum.orgs.plans import plan_limits
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume, ResumeStatus
from refleum.resumes.pdf_service import render_pdf, store_pdf
from refleum.resumes.repository import ResumeRepository
from refleum.resumes.service import get_resume
from refleum.tailoring.engine_types import TailoringEngine
from refleum.tailoring.engines import tailoring_engine_for
from refleum.tailoring.local_engine import UnsupportedLanguage
from refleum.tailoring.pipeline import TailorOutcome, run_tailoring
from refleum.tailoring.repository import KeywordCacheRepository
from refleum.tailoring.schemas import Strategy, TailorRequest

# A tailored resume of a tailored resume of …: the chain to the original is walked, bounded.
MAX_CHAIN = 64


async def truth_source(repo: ResumeRepository, resume: Resume) -> ResumeData:
    """The uploaded original at the root of the resume's parent chain, READY."""
    root = resume
    for _ in range(MAX_CHAIN):
        if root.file_kind is not None:  # an upload: the root
            break
        if root.parent_id is None:
            raise NoMasterResume("The original resume this one was tailored from has been deleted")
        parent = await repo.get(root.parent_id)
        if parent is None:
            raise NoMasterResume("The original resume this one was tailored from has been deleted")
        root = parent
    else:
        raise NoMasterResume("The resume's parent chain is too long")
    if root.status != ResumeStatus.READY or root.structured_data is None:
        raise NoMasterResume(
            f"The source resume {root.id} is {root.status}: it must be READY before tailoring"
        )
    return ResumeData.model_validate(root.structured_data)


async def prepare(
    session: AsyncSession, org_id: str, resume_id: str
) -> tuple[Resume, ResumeData, ResumeData]:
    """The resume to tailor, its own data and its truth source, or the contract's error."""
    resume = await get_resume(session, org_id, resume_id)
    truth = await truth_source(ResumeRepository(session, org_id), resume)
    return resume, ResumeData.model_validate(resume.structured_data), truth


@dataclass
class Tailored:
    """A finished request: the stored child and what the response reports about it."""

    child: Resume
    outcome: TailorOutcome
    strategy: Strategy
    letters: TailoringLetters | None
    has_pdf: bool
    # Why a letter the response has room for is null: the organization has it off.
    notes: list[str] = field(default_factory=list)


async def tailor_resume(
    session: AsyncSession,
    org: Organization,
    resume_id: str,
    body: TailorRequest,
    *,
    db: Database,
    settings: Settings,
    secrets: SecretBox,
    render_pool: RenderPool,
    reservation: TailorReservation | None = None,
) -> Tailored:
    """``reservation``: a slot an async request took when it was accepted (tailoring/
    jobs.py); this call then counts that one instead of reserving its own, and gives it
    back if it fails, whatever the failure."""
    if reservation is not None:
        hold_reservation(db, session, reservation)
    ensure_plan_allows(org, Feature.TAILOR)
    config = await get_config(session, org.id)
    language = body.output_language or config.content_language
    check_output_language(org, language)
    strategy = body.strategy or Strategy(config.default_prompt_id.upper())
    jd = body.job_description
    engine = tailoring_engine_for(
        config,
        secrets,
        allow_private=settings.llm_allow_private_base,
        timeout_s=settings.tailor_timeout_s,
    )
    try:
        cached = await _cached_keywords(session, org.id, engine.name, jd)
        resume, source, truth = await prepare(session, org.id, resume_id)
        if reservation is None:
            reservation = await reserve_tailor_slot(db, session, org)
        try:
            outcome = await _run(engine, source, truth, jd, strategy, language, settings, cached)
        except (Timeout, LLMProviderFailed) as exc:
            await _tailor_failed(db, org.id, resume.id, exc)
            raise
    finally:
        await engine.aclose()
    child = _child_of(resume, outcome, truth, jd, strategy, language)
    letter_drafts = await _draft_letters(
        config, org, secrets, settings, outcome.resume, truth, jd, language
    )
    pdf = await render_pdf(render_pool, child) if body.generate_pdf else None
    # Every write of the request, now that the slow work is done (see the module doc).
    await ResumeRepository(session, org.id).add(child)
    letters = None
    if letter_drafts is not None:
        drafts, letter_engine = letter_drafts
        letters = await store_letters_for_tailoring(
            session, org.id, child, drafts, jd, language, letter_engine
        )
    if pdf is not None:
        await store_pdf(session, child, pdf)
    if outcome.keywords_cacheable:
        await _cache_keywords(session, org.id, engine.name, jd, outcome.keywords)
    await record_llm_usage(session, org.id, "tailor", engine.name, outcome.usage)
    await count_tailor_call(session, reservation)
    data = {"resume_id": child.id, "parent_id": resume.id, "status": str(child.status)}
    record_event(session, org.id, TAILOR_COMPLETED, data)
    return Tailored(child, outcome, strategy, letters, pdf is not None, letters_off(config))


async def _tailor_failed(
    db: Database, org_id: str, resume_id: str, exc: Timeout | LLMProviderFailed
):
    """``tailor.failed``: the request was accepted (plan, resume and quota checked) and then
    the model timed out or failed. Its own transaction, since the request's rolls back;
    refusals before that point (validation, plan, quota) are the caller's answer, no event."""
    async with db.sessions() as session:
        data = {"resume_id": resume_id, "status": "FAILED", "error": exc.code}
        record_event(session, org_id, TAILOR_FAILED, data)
        await session.commit()


async def _run(
    engine: TailoringEngine,
    source: ResumeData,
    truth: ResumeData,
    job_description: str,
    strategy: Strategy,
    language: str,
    settings: Settings,
    keywords: JobKeywords | None,
) -> TailorOutcome:
    """The pipeline under the hard timeout, its failures as the contract's errors."""
    timeout_s = settings.tailor_timeout_s
    try:
        async with asyncio.timeout(timeout_s):
            return await run_tailoring(
                engine, source, truth, job_description, strategy, language, keywords=keywords
            )
    except TimeoutError:
        raise Timeout(f"Tailoring exceeded the hard timeout of {timeout_s:g} s") from None
    except LLMTimeout as exc:
        raise Timeout(exc.detail) from None
    except LLMProviderError as exc:
        raise LLMProviderFailed(exc.detail) from None
    except UnsupportedLanguage as exc:
        raise ValidationFailed(
            f"output_language: the local engine does not write '{language}'; "
            "configure an LLM provider for this language"
        ) from exc


async def _draft_letters(
    config: LLMConfig,
    org: Organization,
    secrets: SecretBox,
    settings: Settings,
    tailored: ResumeData,
    truth: ResumeData,
    job_description: str,
    language: str,
) -> tuple[LetterDrafts, str] | None:
    """The letters the org's configuration asks for with every tailoring, and the name of
    the engine that wrote them; None when it asks for none."""
    if not (config.enable_cover_letter or config.enable_outreach_message):
        return None
    engine = letter_engine_for(
        config,
        secrets,
        allow_private=settings.llm_allow_private_base,
        timeout_s=settings.tailor_timeout_s,
    )
    try:
        drafts = await draft_letters_for_tailoring(
            engine,
            tailored,
            truth,
            job_description,
            language,
            cover_letter=config.enable_cover_letter,
            outreach=config.enable_outreach_message,
            parallel=plan_limits(org.plan).parallel_generation,
        )
    finally:
        await engine.aclose()
    return drafts, engine.name


def letters_off(config: LLMConfig) -> list[str]:
    """A warning naming the letters this organization does not write with a tailoring."""
    off = [
        (name, switch)
        for name, switch, enabled in (
            ("cover letter", "enable_cover_letter", config.enable_cover_letter),
            ("outreach message", "enable_outreach_message", config.enable_outreach_message),
        )
        if not enabled
    ]
    if not off:
        return []
    names = " or ".join(name for name, _ in off)
    switches = " and ".join(switch for _, switch in off)
    return [
        f"No {names} was written: off for this organization ({switches} in PUT /api/v1/llm-config)"
    ]


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


def _child_of(
    parent: Resume,
    outcome: TailorOutcome,
    truth: ResumeData,
    job_description: str,
    strategy: Strategy,
    language: str,
) -> Resume:
    now = utcnow()
    return Resume(
        id=new_id("res"),
        # Set before the row is added: the PDF render (per-org fairness) runs first.
        org_id=parent.org_id,
        is_master=False,
        status=ResumeStatus.READY,
        title=parent.title,
        filename=parent.filename,
        structured_data=outcome.resume.model_dump(),
        warnings=list(outcome.warnings),
        parent_id=parent.id,
        strategy=strategy,
        job_description=job_description,
        job_keywords=outcome.keywords.model_dump(),
        # The truth travels with the child so it stays verifiable if the source goes.
        truth_data=truth.model_dump(),
        tailoring={
            "language": language,
            "refinement_stats": outcome.stats.model_dump(),
            "changes": [c.model_dump() for c in outcome.changes],
            "rejected": [r.model_dump(mode="json") for r in outcome.rejected],
            "gaps": outcome.gaps,
            "skills_shown": [asdict(e) for e in outcome.skills_shown],
            "section_order": outcome.section_order,
            "usage": outcome.usage.model_dump(),
        },
        content_version=1,
        parse_attempts=0,
        created_at=now,
        updated_at=now,
    )
