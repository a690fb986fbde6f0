"""The async SDK against the app in-process (ASGI transport), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from refleum.client import (
    AsyncRefleumClient,
    AuthenticationError,
    BadRequestError,
    Job,
    NotFoundError,
    ParseFailedError,
    PermissionDeniedError,
    RefleumError,
    ResumeOut,
    TailorResponse,
    WaitTimeoutError,
)
from refleum.orgs.plans import Plan
from refleum.tailoring.docs import JOB_DESCRIPTION

RESUME_PDF = Path(__file__).resolve().parents[2] / "examples" / "resume.pdf"


def sdk(app, key: str | None) -> AsyncRefleumClient:
    async def no_wait(seconds: float) -> None:
        return None

    transport = httpx.ASGITransport(app=app)
    return AsyncRefleumClient(key, "http://testserver", transport=transport, sleep=no_wait)


async def test_upload_parse_tailor_letters_and_usage(app, org):
    async with sdk(app, org.key) as api:
        uploaded = await api.upload_resume(RESUME_PDF, set_as_master=True)
        assert uploaded.status == "PROCESSING" and uploaded.filename == "resume.pdf"
        await app.state.jobs.drain()
        resume = await api.wait_until_parsed(uploaded.resume_id, timeout=30, poll=0)
        assert isinstance(resume, ResumeOut) and resume.status == "READY"
        assert resume.structured_data.workExperience[0].company

        result = await api.tailor(resume.resume_id, JOB_DESCRIPTION, strategy="KEYWORDS")
        assert isinstance(result, TailorResponse)
        assert result.parent_id == resume.resume_id and result.strategy == "KEYWORDS"
        assert result.score == result.refinement_stats.final_match_percentage
        assert isinstance(result.gaps, list) and all(c.path for c in result.changes)

        letter = await api.generate_cover_letter(resume.resume_id, JOB_DESCRIPTION)
        assert letter.content and letter.resume_id == resume.resume_id
        message = await api.generate_outreach(resume.resume_id, JOB_DESCRIPTION)
        assert message.content and message.outreach_id
        assert (await api.list_cover_letters(resume.resume_id)).meta.total == 1

        usage = await api.get_usage()
        assert usage.tailor_calls == 1 and usage.plan == "pro"
        assert (await api.download_pdf(result.resume_id)).startswith(b"%PDF")
        assert "#" in await api.get_markdown(result.resume_id)


async def test_upload_from_bytes_and_the_pagination_iterator(app, org):
    content = RESUME_PDF.read_bytes()
    async with sdk(app, org.key) as api:
        ids = [(await api.upload_resume(content)).resume_id for _ in range(5)]
        page = await api.list_resumes(limit=2, include_master=True)
        assert page.meta.total == 5 and len(page.data) == 2 and page.next_offset == 2
        seen = [r.resume_id async for r in api.iter_resumes(page_size=2, include_master=True)]
        assert sorted(seen) == sorted(ids) and len(seen) == 5
        assert {r.filename for r in page.data} == {"resume.pdf"}  # named from the content

        deleted = await api.delete_resume(ids[0])
        assert deleted.deleted and deleted.resume_id == ids[0]
        with pytest.raises(NotFoundError) as raised:
            await api.get_resume(ids[0])
    assert raised.value.code == "NOT_FOUND" and raised.value.status == 404
    assert raised.value.request_id


async def test_waiting_on_a_resume_that_fails_or_stays_processing(app, org):
    async with sdk(app, org.key) as api:
        stuck = await api.upload_resume(RESUME_PDF)
        with pytest.raises(WaitTimeoutError):
            await api.wait_until_parsed(stuck.resume_id, timeout=0, poll=0)
        # A client marking it FAILED during the parse wins over the parse (docs/api.md).
        broken = await api.upload_resume(RESUME_PDF)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as raw:
            patched = await raw.patch(
                f"/api/v1/resumes/{broken.resume_id}",
                json={"status": "FAILED"},
                headers=org.headers,
            )
            assert patched.status_code == 200, patched.text
        await app.state.jobs.drain()
        with pytest.raises(ParseFailedError) as raised:
            await api.wait_until_parsed(broken.resume_id, timeout=30, poll=0)
    assert raised.value.resume.status == "FAILED" and raised.value.resume.warnings


async def test_api_errors_arrive_as_exceptions(app, org, make_org):
    free = await make_org("Free", Plan.FREE)  # one request a minute: one call only
    async with sdk(app, None) as anonymous:
        with pytest.raises(AuthenticationError) as missing:
            await anonymous.get_usage()
    assert missing.value.code == "MISSING_KEY" and missing.value.request_id
    async with sdk(app, "sk_live_not_a_key") as wrong:
        with pytest.raises(AuthenticationError) as invalid:
            await wrong.list_resumes()
    assert invalid.value.code == "INVALID_KEY"
    async with sdk(app, free.key) as api:
        with pytest.raises(PermissionDeniedError) as plan:
            await api.tailor("res_anything", JOB_DESCRIPTION)
    assert plan.value.code == "PLAN_REQUIRED" and plan.value.status == 403
    async with sdk(app, org.key) as api:
        resume = await api.upload_resume(RESUME_PDF)
        await app.state.jobs.drain()
        with pytest.raises(BadRequestError) as short:
            await api.tailor(resume.resume_id, "too short")
    assert short.value.code == "VALIDATION_ERROR" and "job_description" in short.value.detail


async def test_an_async_tailor_is_a_job_whose_result_is_the_tailoring(app, org):
    async with sdk(app, org.key) as api:
        uploaded = await api.upload_resume(RESUME_PDF, set_as_master=True)
        await app.state.jobs.drain()
        await api.wait_until_parsed(uploaded.resume_id, timeout=30, poll=0)
        job = await api.start_tailor(uploaded.resume_id, JOB_DESCRIPTION, strategy="KEYWORDS")
        assert isinstance(job, Job) and job.kind == "tailor" and job.status == "queued"
        await app.state.api_jobs.drain()
        done = await api.wait_for_job(job.id, timeout=30, poll=0)
        result = TailorResponse.model_validate(done.result)
        assert result.parent_id == uploaded.resume_id and result.strategy == "KEYWORDS"


async def test_a_failed_job_raises_what_the_synchronous_call_would_have(app, org):
    async with sdk(app, org.key) as api:
        uploaded = await api.upload_resume(RESUME_PDF, set_as_master=True)
        await app.state.jobs.drain()
        await api.wait_until_parsed(uploaded.resume_id, timeout=30, poll=0)
        job = await api.start_tailor(uploaded.resume_id, JOB_DESCRIPTION)
        await api.delete_resume(uploaded.resume_id)  # gone before the job runs
        await app.state.api_jobs.drain()
        with pytest.raises(RefleumError) as failed:
            await api.wait_for_job(job.id, timeout=30, poll=0)
        assert failed.value.code in {"NOT_FOUND", "NO_MASTER_RESUME"} and failed.value.detail


async def test_waiting_on_a_job_that_never_runs_times_out(app, org):
    async with sdk(app, org.key) as api:
        uploaded = await api.upload_resume(RESUME_PDF, set_as_master=True)
        await app.state.jobs.drain()
        await api.wait_until_parsed(uploaded.resume_id, timeout=30, poll=0)
        job = await api.start_tailor(uploaded.resume_id, JOB_DESCRIPTION)  # never drained
        with pytest.raises(WaitTimeoutError, match=job.id):
            await api.wait_for_job(job.id, timeout=0)
