"""Letters drafted and stored with a tailoring run, never losing the run."""

import asyncio

import pytest
from sqlalchemy import select
from tests.letters.samples import JD, ready_resume_via_service, resume_data

from refleum.letters.engine_types import Draft
from refleum.letters.engines import LocalLetterEngine
from refleum.letters.for_tailoring import draft_letters_for_tailoring, store_letters_for_tailoring
from refleum.letters.kinds import Kind
from refleum.letters.models import Letter
from refleum.llm.errors import LLMProviderError
from refleum.llm.usage import LLMUsage
from refleum.resumes.models import Resume


class Gate:
    """An engine that records how many letters were in flight at once."""

    name = "gate:test"

    def __init__(self, fail: dict[Kind, BaseException] | None = None) -> None:
        self.fail = fail or {}
        self.in_flight = 0
        self.most_in_flight = 0

    def supports(self, language: str) -> bool:
        return True

    async def write(self, kind, source, truth, job_description, language) -> Draft:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        for _ in range(3):
            await asyncio.sleep(0)  # let the other letter start, if it may
        self.in_flight -= 1
        if kind in self.fail:
            raise self.fail[kind]
        return Draft(
            f"{kind} text",
            "note" if kind is Kind.OUTREACH else None,
            usage=LLMUsage(calls=1, input_tokens=10, output_tokens=5),
        )


async def run(app, org, engine, *, language="en", parallel=False, cover_letter=True, outreach=True):
    rid = await ready_resume_via_service(app, org.org_id)
    async with app.state.db.sessions() as session:
        resume = await session.get(Resume, rid)
        drafts = await draft_letters_for_tailoring(
            engine,
            resume_data(),
            resume_data(),
            JD,
            language,
            cover_letter=cover_letter,
            outreach=outreach,
            parallel=parallel,
        )
        result = await store_letters_for_tailoring(
            session, org.org_id, resume, drafts, JD, language, engine.name
        )
        await session.commit()
        stored = list(await session.scalars(select(Letter).where(Letter.resume_id == rid)))
    return rid, result, stored


async def test_both_letters_are_written_and_added_to_the_session(app, org):
    rid, result, stored = await run(app, org, LocalLetterEngine())
    assert result.warnings == [] and result.usage == LLMUsage()
    assert result.cover_letter["cover_letter_id"].startswith("cl_")
    assert result.outreach_message["outreach_id"].startswith("out_")
    assert result.cover_letter["resume_id"] == rid and "Globex" in result.cover_letter["content"]
    assert len(result.outreach_message["connection_note"]) <= 300
    assert {letter.id for letter in stored} == {
        result.cover_letter["cover_letter_id"],
        result.outreach_message["outreach_id"],
    }


@pytest.mark.parametrize(("parallel", "most"), [(True, 2), (False, 1)])
async def test_parallel_writes_both_at_once_otherwise_one_after_another(app, org, parallel, most):
    engine = Gate()
    _rid, result, _stored = await run(app, org, engine, parallel=parallel)
    assert engine.most_in_flight == most
    assert result.usage == LLMUsage(calls=2, input_tokens=20, output_tokens=10)


@pytest.mark.parametrize("parallel", [True, False])
async def test_a_failing_letter_becomes_a_warning_and_the_other_survives(app, org, parallel):
    engine = Gate(fail={Kind.OUTREACH: LLMProviderError("fake model answered HTTP 500")})
    _rid, result, stored = await run(app, org, engine, parallel=parallel)
    assert result.cover_letter is not None and result.outreach_message is None
    assert result.warnings == [
        "The outreach message could not be written: fake model answered HTTP 500"
    ]
    assert [letter.kind for letter in stored] == ["cover_letter"]


async def test_an_unexpected_error_is_a_warning_too(app, org):
    engine = Gate(fail={Kind.COVER_LETTER: RuntimeError("boom")})
    _rid, result, _stored = await run(app, org, engine)
    assert result.cover_letter is None and result.outreach_message is not None
    assert result.warnings == [
        "The cover letter could not be written: an unexpected error occurred"
    ]


async def test_a_language_the_local_engine_lacks_is_a_warning(app, org):
    _rid, result, stored = await run(app, org, LocalLetterEngine(), language="zh")
    assert (result.cover_letter, result.outreach_message, stored) == (None, None, [])
    assert len(result.warnings) == 2 and all("LLM provider" in w for w in result.warnings)


async def test_only_the_asked_for_letters_are_written(app, org):
    _rid, result, stored = await run(app, org, LocalLetterEngine(), outreach=False)
    assert result.outreach_message is None and result.warnings == []
    assert [letter.kind for letter in stored] == ["cover_letter"]
