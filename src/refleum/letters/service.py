"""Letter rules: which JD and language, which resume content, create and regenerate.

Never commits. A draft is written before anything is changed, so an engine failure
(502, 504) leaves every stored record as it was.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.errors import NoJobDescription, NotFound, ValidationFailed
from refleum.events import LETTER_GENERATED, record_event
from refleum.ids import new_id
from refleum.letters.engine_types import Draft, LetterEngine
from refleum.letters.kinds import Kind
from refleum.letters.models import Letter
from refleum.letters.repository import LetterRepository
from refleum.letters.schemas import LetterRequest
from refleum.letters.templates import supported_languages
from refleum.limits.gating import check_output_language
from refleum.llm.accounting import record_llm_usage
from refleum.llm.service import get_config
from refleum.orgs.models import Organization
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume, ResumeStatus
from refleum.resumes.service import get_resume


def resume_content(resume: Resume) -> tuple[ResumeData, ResumeData]:
    """(source, truth): a tailored resume keeps its truth in ``truth_data``."""
    if resume.status != ResumeStatus.READY or resume.structured_data is None:
        raise ValidationFailed(
            f"Resume {resume.id} is {resume.status}: letters need a READY resume with "
            "structured data"
        )
    source = ResumeData.model_validate(resume.structured_data)
    truth = ResumeData.model_validate(resume.truth_data) if resume.truth_data else source
    return source, truth


def check_language(org: Organization, language: str, engine: LetterEngine) -> None:
    check_output_language(org, language)
    if not engine.supports(language):
        raise ValidationFailed(
            f"output_language: the local engine writes letters in "
            f"{', '.join(supported_languages())}; '{language}' needs an LLM provider "
            "(PUT /api/v1/llm-config)"
        )


async def get_letter(
    session: AsyncSession, org_id: str, resume_id: str, kind: Kind, letter_id: str
) -> Letter:
    await get_resume(session, org_id, resume_id)
    letter = await LetterRepository(session, org_id).get(resume_id, kind, letter_id)
    if letter is None:
        raise NotFound(kind.label)
    return letter


async def list_letters(
    session: AsyncSession, org_id: str, resume_id: str, kind: Kind, *, limit: int, offset: int
) -> tuple[list[Letter], int]:
    await get_resume(session, org_id, resume_id)
    return await LetterRepository(session, org_id).list(resume_id, kind, limit=limit, offset=offset)


async def delete_letter(
    session: AsyncSession, org_id: str, resume_id: str, kind: Kind, letter_id: str
) -> None:
    letter = await get_letter(session, org_id, resume_id, kind, letter_id)
    await LetterRepository(session, org_id).delete(letter)


async def generate(
    session: AsyncSession,
    org: Organization,
    resume_id: str,
    kind: Kind,
    request: LetterRequest,
    engine: LetterEngine,
) -> Letter:
    resume = await get_resume(session, org.id, resume_id)
    source, truth = resume_content(resume)
    job_description = request.job_description or resume.job_description
    if not job_description or not job_description.strip():
        raise NoJobDescription()
    language = request.output_language or (await get_config(session, org.id)).content_language
    check_language(org, language, engine)
    draft = await engine.write(kind, source, truth, job_description, language)
    letter = new_letter(resume.id, kind, draft, job_description, language, engine.name)
    await record_llm_usage(session, org.id, kind.value, engine.name, draft.usage)
    await LetterRepository(session, org.id).add(letter)
    letter_generated(session, org.id, letter)
    return letter


async def regenerate(
    session: AsyncSession,
    org: Organization,
    resume_id: str,
    kind: Kind,
    letter_id: str,
    request: LetterRequest,
    engine: LetterEngine,
) -> Letter:
    """Rewrite in place: same id, new content, ``updated_at`` moves. The JD is the
    override, else the letter's own, else the resume's; the language likewise."""
    letter = await get_letter(session, org.id, resume_id, kind, letter_id)
    resume = await get_resume(session, org.id, resume_id)
    source, truth = resume_content(resume)
    job_description = request.job_description or letter.job_description or resume.job_description
    if not job_description or not job_description.strip():
        raise NoJobDescription()
    language = request.output_language or letter.language
    check_language(org, language, engine)
    # The old content goes in so that the new version reads differently from it.
    draft = await engine.write(
        kind, source, truth, job_description, language, previous=letter.content
    )
    apply_draft(letter, draft, job_description, language, engine.name)
    await record_llm_usage(session, org.id, kind.value, engine.name, draft.usage)
    letter_generated(session, org.id, letter)
    return letter


def letter_generated(session: AsyncSession, org_id: str, letter: Letter) -> None:
    """The webhook event of a letter written or rewritten, committed with it."""
    data = {"letter_id": letter.id, "kind": letter.kind, "resume_id": letter.resume_id}
    record_event(session, org_id, LETTER_GENERATED, data)


def new_letter(
    resume_id: str, kind: Kind, draft: Draft, job_description: str, language: str, engine_name: str
) -> Letter:
    now = utcnow()
    letter = Letter(id=new_id(kind.id_prefix), resume_id=resume_id, kind=kind.value, created_at=now)
    apply_draft(letter, draft, job_description, language, engine_name, now=now)
    return letter


def apply_draft(
    letter: Letter, draft: Draft, job_description: str, language: str, engine_name: str, *, now=None
) -> None:
    letter.content = draft.content
    letter.connection_note = draft.connection_note if letter.kind == Kind.OUTREACH else None
    letter.job_description = job_description
    letter.language = language
    letter.engine = engine_name
    letter.warnings = list(draft.warnings)
    letter.updated_at = now or utcnow()
