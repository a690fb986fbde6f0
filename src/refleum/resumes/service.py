"""Resume rules: upload, master designation, manual edits, deletion. Never commits."""

from __future__ import annotations

import copy
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.errors import NotFound, ValidationFailed
from refleum.ids import new_id
from refleum.resume_caps import cap_violations
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume, ResumeFile, ResumeStatus
from refleum.resumes.repository import ResumeRepository
from refleum.resumes.schemas import ResumePatch

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


async def get_resume(session: AsyncSession, org_id: str, resume_id: str) -> Resume:
    resume = await ResumeRepository(session, org_id).get(resume_id)
    if resume is None:
        raise NotFound("resume")
    return resume


async def create_upload(
    session: AsyncSession,
    org_id: str,
    *,
    filename: str,
    kind: str,
    data: bytes,
    set_as_master: bool,
) -> Resume:
    """Store an upload as a PROCESSING resume; the row itself is the parse job."""
    repo = ResumeRepository(session, org_id)
    resume = Resume(
        id=new_id("res"),
        filename=filename,
        file_kind=kind,
        status=ResumeStatus.PROCESSING,
        warnings=[],
    )
    file = ResumeFile(content_type=CONTENT_TYPES[kind], size=len(data), data=data)
    for attempt in (1, 2):
        try:
            async with session.begin_nested():
                if set_as_master:
                    await repo.clear_master()
                resume.is_master = set_as_master or await repo.master() is None
                await repo.add(resume, file)
            await repo.announce_parse()
            return resume
        except IntegrityError:
            # A concurrent upload took the master slot between our read and our write;
            # the unique index kept "one master per org". Decide again against its result.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def merge_structured(current: dict[str, Any] | None, patch: dict[str, Any]) -> ResumeData:
    """Objects merge key by key; lists and scalars replace. The result must be ResumeData
    within the caps (resume_caps): a resume too big to render or tailor is refused here."""

    def merge(base: Any, update: Any) -> Any:
        if isinstance(base, dict) and isinstance(update, dict):
            merged = dict(base)
            for key, value in update.items():
                merged[key] = merge(base.get(key), value) if key in base else value
            return merged
        return copy.deepcopy(update)

    base = current if current is not None else ResumeData().model_dump()
    try:
        merged = ResumeData.model_validate(merge(base, patch))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "structuredData"
        raise ValidationFailed(f"structuredData.{where}: {first['msg']}") from exc
    over = cap_violations(merged)
    if over:
        raise ValidationFailed(f"structuredData.{over[0]}")
    return merged


async def patch_resume(
    session: AsyncSession, org_id: str, resume_id: str, patch: ResumePatch
) -> Resume:
    resume = await get_resume(session, org_id, resume_id)
    structured = patch.structured_patch
    if structured is not None:
        resume.structured_data = merge_structured(resume.structured_data, structured).model_dump()
        resume.content_version += 1
    if patch.title is not None:
        resume.title = patch.title
    if patch.filename is not None:
        resume.filename = patch.filename
    if patch.status is not None:
        if patch.status == ResumeStatus.READY and resume.structured_data is None:
            raise ValidationFailed("status: a resume without structured data cannot be READY")
        if patch.status == ResumeStatus.FAILED and resume.status != ResumeStatus.FAILED:
            # FAILED always carries a readable reason; here the reason is the client.
            resume.warnings = [*(resume.warnings or []), _failed_by_client(resume.status)]
        resume.status = patch.status
        resume.lease_until = resume.lease_owner = None
    resume.updated_at = utcnow()
    return resume


def _failed_by_client(previous: str) -> str:
    if previous == ResumeStatus.PROCESSING:
        # The parse in flight then finds the row no longer PROCESSING and drops its result.
        return (
            "Status set to FAILED by the client while parsing was in progress; "
            "the parse result was discarded. POST /retry to parse again."
        )
    return "Status set to FAILED by the client."


async def delete_resume(session: AsyncSession, org_id: str, resume_id: str) -> None:
    repo = ResumeRepository(session, org_id)
    resume = await get_resume(session, org_id, resume_id)
    was_master = resume.is_master
    await repo.delete(resume)
    if was_master:
        # Keep "one master per org" whenever the org still has an uploaded resume.
        successor = await repo.newest_original(excluding=resume_id)
        if successor is not None:
            successor.is_master = True


async def retry_parse(session: AsyncSession, org_id: str, resume_id: str) -> Resume:
    """Queue the resume for parsing again, from its stored text (or original bytes)."""
    resume = await get_resume(session, org_id, resume_id)
    if resume.file_kind is None and resume.markdown is None:
        raise ValidationFailed(
            "This resume was produced by tailoring; there is nothing to re-parse"
        )
    if resume.status != ResumeStatus.PROCESSING:
        resume.status = ResumeStatus.PROCESSING
        resume.warnings = []
        resume.lease_until = resume.lease_owner = None
        resume.parse_attempts = 0
        resume.updated_at = utcnow()
        await ResumeRepository(session, org_id).announce_parse()
    return resume
