"""The parse job: original bytes -> stored markdown -> ResumeData, ending READY or FAILED.

It never raises to the runner for a bad document: every failure is written on the row as
FAILED with a readable reason, and the original bytes stay untouched for /retry.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from refleum.config import Settings
from refleum.db import Database
from refleum.documents.extract import (
    ExtractionFailed,
    ExtractionLimits,
    extract_in_sandbox,
    start_sandbox,
)
from refleum.documents.text_clean import sanitize
from refleum.errors import LLMProviderFailed, Timeout
from refleum.jobs.runner import ClaimTerms, JobRunner
from refleum.llm.accounting import record_llm_usage
from refleum.llm.org_model import org_model
from refleum.llm.secrets import SecretBox
from refleum.llm.service import get_config
from refleum.parsing.llm_parser import parse_with_llm
from refleum.parsing.local_parser import parse_resume
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume, ResumeStatus
from refleum.resumes.repository import PARSE_CHANNEL, ClaimedJob, ResumeRepository

log = logging.getLogger("refleum.parse")

# A job whose process keeps dying mid-parse (a poison document) is failed, not retried forever.
MAX_ATTEMPTS = 3
DEFAULT_LIMITS = ExtractionLimits()


@dataclass
class ParseOutcome:
    status: ResumeStatus
    warnings: list[str] = field(default_factory=list)
    markdown: str | None = None
    structured_data: dict | None = None


async def _load(db: Database, job: ClaimedJob) -> tuple[Resume | None, bytes | None]:
    async with db.sessions() as session:
        repo = ResumeRepository(session, job.org_id)
        resume = await repo.get(job.resume_id)
        if resume is None or resume.markdown is not None:
            return resume, None
        file = await repo.file(job.resume_id)
        return resume, file.data if file else None


@dataclass(frozen=True)
class ModelParsing:
    """What the job needs to parse through an organization's model instead of locally."""

    secrets: SecretBox
    settings: Settings  # read per job: operators may change the policy at runtime

    @property
    def allow_private(self) -> bool:
        return self.settings.llm_allow_private_base

    @property
    def timeout_s(self) -> float:
        return self.settings.tailor_timeout_s


def _local_data(markdown: str) -> ResumeData:
    return parse_resume(markdown).data


async def _structure(
    db: Database, org_id: str, markdown: str, model_parsing: ModelParsing | None
) -> tuple[dict, list[str]]:
    """ResumeData from the stored text: the org's model when it has one, else the local parser."""
    if model_parsing is not None:
        async with db.sessions() as session:
            config = await get_config(session, org_id)
        if config.provider != "local":
            configured = org_model(
                config, model_parsing.secrets, allow_private=model_parsing.allow_private
            )
            try:
                result = await parse_with_llm(
                    markdown,
                    configured.model,
                    timeout_s=model_parsing.timeout_s,
                    local_parse=_local_data,
                    reasoning_effort=configured.reasoning_effort,
                )
            finally:
                await configured.aclose()
            # Its own transaction: the calls were paid for even if finishing the job is
            # dropped (a lost lease).
            async with db.sessions() as session:
                await record_llm_usage(session, org_id, "parse", configured.name, result.usage)
                await session.commit()
            return result.data.model_dump(), list(result.warnings)
    local = await asyncio.to_thread(parse_resume, markdown)
    return local.data.model_dump(), list(local.warnings)


async def _parse(
    db: Database,
    job: ClaimedJob,
    resume: Resume,
    original: bytes | None,
    model_parsing: ModelParsing | None,
    limits: ExtractionLimits,
) -> ParseOutcome:
    markdown = resume.markdown
    warnings: list[str] = []
    if markdown is None:
        if original is None or resume.file_kind is None:
            return ParseOutcome(ResumeStatus.FAILED, ["Nothing to parse: no stored text or file"])
        extracted = await extract_in_sandbox(
            original, resume.file_kind, timeout_s=limits.timeout_s, max_chars=limits.max_chars
        )
        # The storage boundary: no NUL, control or private-use character is ever stored,
        # whatever the extractor let through.
        markdown, warnings = sanitize(extracted.markdown), list(extracted.warnings)
    try:
        data, parse_warnings = await _structure(db, job.org_id, markdown, model_parsing)
    except (LLMProviderFailed, Timeout) as exc:
        # The extracted text is kept, so /retry works once the provider is back.
        return ParseOutcome(ResumeStatus.FAILED, [f"Model provider failed: {exc.detail}"], markdown)
    return ParseOutcome(ResumeStatus.READY, warnings + parse_warnings, markdown, data)


async def parse_resume_job(
    db: Database,
    job: ClaimedJob,
    *,
    model_parsing: ModelParsing | None = None,
    limits: ExtractionLimits = DEFAULT_LIMITS,
) -> None:
    resume, original = await _load(db, job)
    if resume is None or resume.status != ResumeStatus.PROCESSING:
        return
    if job.attempt > MAX_ATTEMPTS:
        outcome = ParseOutcome(
            ResumeStatus.FAILED,
            [f"Parsing was interrupted {MAX_ATTEMPTS} times; the file may be hostile"],
        )
    else:
        try:
            outcome = await _parse(db, job, resume, original, model_parsing, limits)
        except ExtractionFailed as exc:
            outcome = ParseOutcome(ResumeStatus.FAILED, [exc.reason])
        except Exception:
            log.exception("parsing %s failed", job.resume_id)
            outcome = ParseOutcome(
                ResumeStatus.FAILED, ["Parsing failed unexpectedly; POST /retry to try again"]
            )
    await _finish(db, job, outcome)


async def _finish(db: Database, job: ClaimedJob, outcome: ParseOutcome) -> None:
    async with db.sessions() as session:
        # Only the holder of the lease may finish the job (the repository checks it).
        await ResumeRepository(session, job.org_id).finish_parse(
            job,
            status=outcome.status,
            warnings=outcome.warnings,
            markdown=outcome.markdown,
            structured_data=outcome.structured_data,
        )
        await session.commit()


async def claim_parse(db: Database, terms: ClaimTerms) -> ClaimedJob | None:
    """The runner's ``claim``: lease the next resume owed a parse, committed at once so
    other claimers see it."""
    async with db.sessions() as session:
        claimed = await ResumeRepository.claim_next(
            session,
            terms.worker_id,
            terms.lease,
            stale_after=terms.stale_after,
            skip_orgs=terms.skip_orgs,
        )
        if claimed is not None:
            await session.commit()
        return claimed


def parse_job_for(settings: Settings, secrets: SecretBox):
    """The job handler a process runs: parsing through each org's configured engine."""
    model_parsing = ModelParsing(secrets, settings)

    async def handler(db: Database, job: ClaimedJob) -> None:
        limits = ExtractionLimits(settings.extract_timeout_s, settings.max_extracted_chars)
        await parse_resume_job(db, job, model_parsing=model_parsing, limits=limits)

    return handler


def parse_job_runner(db: Database, settings: Settings, secrets: SecretBox) -> JobRunner:
    """The runner of the parse queue a process runs (`refleum serve` and `refleum worker`)."""
    return JobRunner.for_settings(
        db,
        claim_parse,
        parse_job_for(settings, secrets),
        settings,
        channel=PARSE_CHANNEL,
        prepare=start_sandbox,
    )
