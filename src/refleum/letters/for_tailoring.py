"""Letters written alongside a tailoring run (``enable_cover_letter`` /
``enable_outreach_message``).

The tailored resume is what the letters are written from; its truth bounds what they may
claim. A letter that fails is reported in ``warnings`` and left out: it never costs the
caller the tailored resume. Drafting (model calls) and storing are two steps, so the
tailoring request writes nothing to the database until all its slow work is done.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.errors import ApiError
from refleum.letters.engine_types import Draft, LetterEngine
from refleum.letters.kinds import Kind
from refleum.letters.repository import LetterRepository
from refleum.letters.schemas import CoverLetterOut, OutreachOut
from refleum.letters.service import letter_generated, new_letter
from refleum.letters.templates import UnsupportedLetterLanguage
from refleum.llm.accounting import record_llm_usage
from refleum.llm.usage import LLMUsage
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume

log = logging.getLogger("refleum.letters")


class TailoringLetters(NamedTuple):
    cover_letter: dict[str, Any] | None  # the GET /cover-letters/{id} object, JSON-ready
    outreach_message: dict[str, Any] | None  # the GET /outreach/{id} object, JSON-ready
    warnings: list[str]  # one per letter that could not be written
    usage: LLMUsage  # model calls and tokens of both letters


# What drafting left for each asked-for kind: a Draft, or why it could not be written.
LetterDrafts = dict[Kind, Draft | str]


async def draft_letters_for_tailoring(
    engine: LetterEngine,
    tailored: ResumeData,
    truth: ResumeData,
    job_description: str,
    language: str,
    *,
    cover_letter: bool,
    outreach: bool,
    parallel: bool,
) -> LetterDrafts:
    """Write the asked-for letters from the tailored resume; no database.

    ``parallel`` (Pro and above) writes both at once; otherwise one after the other.
    Never raises for a letter: a failure becomes the reason it was left out.
    """
    kinds = [
        kind
        for kind, wanted in ((Kind.COVER_LETTER, cover_letter), (Kind.OUTREACH, outreach))
        if wanted
    ]

    async def attempt(kind: Kind) -> Draft | str:
        return await _draft_or_reason(engine, kind, tailored, truth, job_description, language)

    if parallel:
        outcomes = list(await asyncio.gather(*(attempt(kind) for kind in kinds)))
    else:
        outcomes = [await attempt(kind) for kind in kinds]
    return dict(zip(kinds, outcomes, strict=True))


async def store_letters_for_tailoring(
    session: AsyncSession,
    org_id: str,
    resume: Resume,
    drafts: LetterDrafts,
    job_description: str,
    language: str,
    engine_name: str,
) -> TailoringLetters:
    """Add the written letters of ``resume`` (the tailored child, already in the session)
    to ``session`` (flushed, not committed); a letter left out becomes a warning."""
    written: dict[Kind, dict[str, Any]] = {}
    warnings: list[str] = []
    usage = LLMUsage()
    repo = LetterRepository(session, org_id)
    for kind, outcome in drafts.items():
        if isinstance(outcome, str):
            warnings.append(f"The {kind.label} could not be written: {outcome}")
            continue
        letter = await repo.add(
            new_letter(resume.id, kind, outcome, job_description, language, engine_name)
        )
        letter_generated(session, org_id, letter)
        await record_llm_usage(session, org_id, kind.value, engine_name, outcome.usage)
        usage += outcome.usage
        shape = CoverLetterOut if kind is Kind.COVER_LETTER else OutreachOut
        written[kind] = shape.of(letter).model_dump(mode="json")
    return TailoringLetters(
        written.get(Kind.COVER_LETTER), written.get(Kind.OUTREACH), warnings, usage
    )


async def _draft_or_reason(
    engine: LetterEngine,
    kind: Kind,
    tailored: ResumeData,
    truth: ResumeData,
    job_description: str,
    language: str,
) -> Draft | str:
    if not engine.supports(language):
        return f"the local engine does not write '{language}'; an LLM provider is needed"
    try:
        return await engine.write(kind, tailored, truth, job_description, language)
    except ApiError as exc:  # LLMProviderError (502), LLMTimeout (504), ...
        return exc.detail
    except UnsupportedLetterLanguage as exc:
        return str(exc)
    except Exception:  # noqa: BLE001 - a letter must never lose the tailored resume
        log.exception("letter generation failed", extra={"kind": kind.value})
        return "an unexpected error occurred"
