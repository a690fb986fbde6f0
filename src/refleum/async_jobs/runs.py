"""Runs async requests (``api_jobs``): the runner's ``claim`` and ``run`` for that queue.

The same jobs/runner.JobRunner as parsing, a second instance: each kind's work is the
domain's own service call (tailoring/jobs.py, letters/jobs.py), so the webhooks those
calls record fire as they do for a synchronous call. What happens outside them is
recorded here: a tailor job that fails for any other reason, or crashes, records
``tailor.failed`` itself, since an async client learns the outcome from the job or the
webhook, never from a response.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.config import Settings
from refleum.db import Database, abandon
from refleum.documents.render.pool import RenderPool
from refleum.errors import ApiError, LLMProviderFailed, Timeout
from refleum.events import TAILOR_FAILED, record_event
from refleum.jobs import api_queue
from refleum.jobs.api_queue import ClaimedApiJob
from refleum.jobs.runner import ClaimTerms, JobRunner
from refleum.letters import jobs as letter_jobs
from refleum.llm.secrets import SecretBox
from refleum.orgs.models import Organization
from refleum.orgs.repository import OrgRepository
from refleum.tailoring import jobs as tailor_jobs

log = logging.getLogger("refleum.async_jobs")

# A job whose process keeps dying mid-run is failed, not retried forever.
MAX_ATTEMPTS = 3
# Longer than the hard timeout (240 s), letters and the PDF: a live runner keeps its job.
LEASE_S = 900.0

Work = Callable[..., Awaitable[dict[str, Any]]]
WORK: dict[str, Work] = {tailor_jobs.KIND: tailor_jobs.run, **letter_jobs.WORK}


async def claim_api_job(db: Database, terms: ClaimTerms) -> ClaimedApiJob | None:
    async with db.sessions() as session:
        claimed = await api_queue.claim_next(
            session,
            terms.worker_id,
            terms.lease,
            stale_after=terms.stale_after,
            skip_orgs=terms.skip_orgs,
        )
        if claimed is not None:
            await session.commit()
        return claimed


async def _fail(db: Database, job: ClaimedApiJob, code: str, detail: str, *, event: bool) -> None:
    async with db.sessions() as session:
        if await api_queue.finish(session, job, error=(code, detail)) and event:
            data = {"resume_id": job.request.get("resume_id"), "status": "FAILED", "error": code}
            record_event(session, job.org_id, TAILOR_FAILED, data)
        await session.commit()


def _needs_event(job: ClaimedApiJob, exc: BaseException | None) -> bool:
    """The tailoring service records ``tailor.failed`` for a model timeout or failure."""
    return job.kind == tailor_jobs.KIND and not isinstance(exc, Timeout | LLMProviderFailed)


def api_job_handler(settings: Settings, secrets: SecretBox, render_pool: RenderPool):
    async def run(db: Database, job: ClaimedApiJob) -> None:
        if job.attempt > MAX_ATTEMPTS:
            detail = f"The job was interrupted {MAX_ATTEMPTS} times; send the request again"
            await _fail(db, job, "INTERNAL_ERROR", detail, event=_needs_event(job, None))
            if job.kind == tailor_jobs.KIND:
                await tailor_jobs.abandon(db, job.org_id, job.request)
            return
        async with db.sessions() as session:
            try:
                await _work(session, db, job, settings, secrets, render_pool)
            except ApiError as exc:
                await abandon(session)  # gives the reserved quota slot back
                await _fail(db, job, exc.code, exc.detail, event=_needs_event(job, exc))
            except Exception:
                log.exception("async job %s crashed", job.id)
                await abandon(session)
                detail = "The job failed unexpectedly; send the request again"
                await _fail(db, job, "INTERNAL_ERROR", detail, event=_needs_event(job, None))

    return run


async def _work(
    session: AsyncSession,
    db: Database,
    job: ClaimedApiJob,
    settings: Settings,
    secrets: SecretBox,
    render_pool: RenderPool,
) -> None:
    org: Organization | None = await OrgRepository(session).get(job.org_id)
    if org is None:
        return  # deleted meanwhile: its jobs went with it
    result = await WORK[job.kind](
        session,
        org,
        job.request,
        db=db,
        settings=settings,
        secrets=secrets,
        render_pool=render_pool,
    )
    # Only the lease's holder records the result; its work commits with it or not at all.
    if await api_queue.finish(session, job, result=result):
        await session.commit()
    else:
        await abandon(session)


def api_job_runner(
    db: Database, settings: Settings, secrets: SecretBox, render_pool: RenderPool
) -> JobRunner:
    return JobRunner(
        db,
        claim_api_job,
        api_job_handler(settings, secrets, render_pool),
        concurrency=settings.parse_workers,
        lease_s=LEASE_S,
        heartbeat_s=settings.worker_heartbeat_s,
        per_org=settings.parse_workers_per_org,
        channel=api_queue.CHANNEL if settings.job_notify else None,
    )
