"""POST /resumes/{id}/tailor: the database side of a tailoring run.

Finds the truth source, runs the pipeline under the hard timeout, and adds the tailored
child resume to the session (committed with the request, so a failure stores nothing).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.analysis.job_description import JobKeywords
from refleum.db import utcnow
from refleum.errors import LLMProviderFailed, NoMasterResume, Timeout, ValidationFailed
from refleum.ids import new_id
from refleum.llm.structured import LLMProviderError, LLMTimeout
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume, ResumeStatus
from refleum.resumes.repository import ResumeRepository
from refleum.resumes.service import get_resume
from refleum.tailoring.engine_types import TailoringEngine
from refleum.tailoring.local_engine import UnsupportedLanguage
from refleum.tailoring.pipeline import TailorOutcome, run_tailoring
from refleum.tailoring.schemas import Strategy

# A tailored resume of a tailored resume of …: the chain to the original is walked, bounded.
MAX_CHAIN = 64


@dataclass
class TailorResult:
    child: Resume
    outcome: TailorOutcome
    truth: ResumeData


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


async def tailor(
    session: AsyncSession,
    org_id: str,
    resume_id: str,
    *,
    engine: TailoringEngine,
    job_description: str,
    strategy: Strategy,
    language: str,
    timeout_s: float,
    keywords: JobKeywords | None = None,
) -> TailorResult:
    resume, source, truth = await prepare(session, org_id, resume_id)
    try:
        async with asyncio.timeout(timeout_s):
            outcome = await run_tailoring(
                engine, source, truth, job_description, strategy, language
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
    child = await ResumeRepository(session, org_id).add(
        _child_of(resume, outcome, truth, job_description, strategy, language)
    )
    return TailorResult(child, outcome, truth)


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
            "section_order": outcome.section_order,
            "usage": outcome.usage.model_dump(),
        },
        content_version=1,
        parse_attempts=0,
        created_at=now,
        updated_at=now,
    )
