"""The parse job: original bytes -> stored markdown -> ResumeData, ending READY or FAILED.

It never raises to the runner for a bad document: every failure is written on the row as
FAILED with a readable reason, and the original bytes stay untouched for /retry.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field

from sqlalchemy import update

from refleum.db import Database, utcnow
from refleum.documents.extract import ExtractionFailed, extract_in_sandbox
from refleum.jobs.queue import ClaimedJob
from refleum.parsing.local_parser import parse_resume
from refleum.resumes.models import Resume, ResumeStatus
from refleum.resumes.repository import ResumeRepository

log = logging.getLogger("refleum.parse")

# A job whose process keeps dying mid-parse (a poison document) is failed, not retried forever.
MAX_ATTEMPTS = 3


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


async def _parse(resume: Resume, original: bytes | None) -> ParseOutcome:
    markdown = resume.markdown
    warnings: list[str] = []
    if markdown is None:
        if original is None or resume.file_kind is None:
            return ParseOutcome(ResumeStatus.FAILED, ["Nothing to parse: no stored text or file"])
        extracted = await extract_in_sandbox(original, resume.file_kind)
        markdown, warnings = extracted.markdown, list(extracted.warnings)
    result = await asyncio.to_thread(parse_resume, markdown)
    return ParseOutcome(
        ResumeStatus.READY, warnings + list(result.warnings), markdown, result.data.model_dump()
    )


async def parse_resume_job(db: Database, job: ClaimedJob) -> None:
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
            outcome = await _parse(resume, original)
        except ExtractionFailed as exc:
            outcome = ParseOutcome(ResumeStatus.FAILED, [exc.reason])
        except Exception:
            log.exception("parsing %s failed", job.resume_id)
            outcome = ParseOutcome(
                ResumeStatus.FAILED, ["Parsing failed unexpectedly; POST /retry to try again"]
            )
    await _finish(db, job, outcome)


async def _finish(db: Database, job: ClaimedJob, outcome: ParseOutcome) -> None:
    values: dict = {
        "status": outcome.status,
        "warnings": outcome.warnings,
        "lease_until": None,
        "updated_at": utcnow(),
        "content_version": Resume.content_version + 1,
    }
    if outcome.markdown is not None:
        values["markdown"] = outcome.markdown
    if outcome.structured_data is not None:
        values["structured_data"] = outcome.structured_data
    async with db.sessions() as session:
        # Only the holder of the lease may finish the job: if the lease expired and another
        # worker took over, or a client changed the status meanwhile, this write is dropped.
        await session.execute(
            update(Resume)
            .where(
                Resume.id == job.resume_id,
                Resume.org_id == job.org_id,
                Resume.status == ResumeStatus.PROCESSING,
                Resume.lease_until == job.lease_token,
            )
            .values(**values)
        )
        await session.commit()
