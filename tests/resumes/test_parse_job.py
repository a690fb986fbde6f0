"""The background parse: upload answers at once, the job ends READY or FAILED, never stuck."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import update
from tests.documents.corpus_files import CORPUS
from tests.documents.hostile_files import book_docx
from tests.limits.support import running_app
from tests.resumes.test_upload import upload
from tests.samples import sample_docx, sample_pdf

from refleum.db import utcnow
from refleum.documents.text_budget import MAX_TEXT_CHARS
from refleum.jobs.runner import JobRunner
from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan
from refleum.resumes.models import Resume, ResumeFile
from refleum.resumes.tasks import claim_parse, parse_resume_job

RESUMES = "/api/v1/resumes"


async def fetch(client, org, resume_id):
    return (await client.get(f"{RESUMES}/{resume_id}", headers=org.headers)).json()["data"]


async def test_upload_then_parse_ends_ready_with_grounded_data(client, app, org):
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    assert (await fetch(client, org, resume_id))["status"] == "PROCESSING"
    await app.state.jobs.drain()
    data = await fetch(client, org, resume_id)
    assert data["status"] == "READY", data["warnings"]
    info = data["structured_data"]["personalInfo"]
    assert info["name"] == "Ana Souza"
    assert info["email"] == "ana.souza@example.com"
    jobs = data["structured_data"]["workExperience"]
    assert jobs and jobs[0]["company"] == "Northwind Traders"


async def test_docx_parses_too(client, app, org):
    resume_id = (await upload(client, org, sample_docx(), "cv.docx")).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    data = await fetch(client, org, resume_id)
    assert data["status"] == "READY"
    assert data["structured_data"]["personalInfo"]["name"] == "Ana Souza"


async def test_image_only_pdf_fails_with_a_reason_and_keeps_the_bytes(client, app, org):
    from weasyprint import HTML

    # A PDF with a drawn box and no text layer at all.
    image_only = HTML(
        string='<div style="width:200px;height:200px;background:#333"></div>'
    ).write_pdf()
    resume_id = (await upload(client, org, image_only)).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    data = await fetch(client, org, resume_id)
    assert data["status"] == "FAILED"
    assert data["warnings"] and "text" in data["warnings"][0].lower()
    async with app.state.db.sessions() as session:
        assert (await session.get(ResumeFile, resume_id)).data == image_only


async def test_retry_reparses_from_the_stored_text(client, app, org):
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    first = await fetch(client, org, resume_id)
    retried = await client.post(f"{RESUMES}/{resume_id}/retry", headers=org.headers)
    assert retried.status_code == 200
    assert retried.json()["data"]["status"] == "PROCESSING"
    await app.state.jobs.drain()
    again = await fetch(client, org, resume_id)
    assert again["status"] == "READY"
    assert again["structured_data"] == first["structured_data"]


async def test_a_parse_interrupted_by_a_crash_finishes_after_restart(client, app, org):
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    started = asyncio.Event()

    async def dies_mid_parse(db, job):
        started.set()
        await asyncio.Event().wait()  # the process "dies" here: never finishes

    crashed = JobRunner(app.state.db, claim_parse, dies_mid_parse, concurrency=1, lease_s=0.2)
    await crashed.start()
    await asyncio.wait_for(started.wait(), 10)
    await crashed.stop()  # killed mid-parse
    assert (await fetch(client, org, resume_id))["status"] == "PROCESSING"

    await asyncio.sleep(0.3)  # the dead worker's lease runs out
    restarted = JobRunner(app.state.db, claim_parse, parse_resume_job, concurrency=1, lease_s=60)
    await restarted.drain()
    assert (await fetch(client, org, resume_id))["status"] == "READY"


async def test_a_live_lease_is_not_taken_by_another_worker(client, app, org):
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    async with app.state.db.sessions() as session:
        await session.execute(
            update(Resume)
            .where(Resume.id == resume_id)
            .values(lease_until=utcnow() + timedelta(minutes=5))
        )
        await session.commit()
    await app.state.jobs.drain()
    assert (await fetch(client, org, resume_id))["status"] == "PROCESSING"


async def test_a_document_that_keeps_killing_workers_ends_failed(client, app, org):
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    async with app.state.db.sessions() as session:
        await session.execute(update(Resume).where(Resume.id == resume_id).values(parse_attempts=3))
        await session.commit()
    await app.state.jobs.drain()
    data = await fetch(client, org, resume_id)
    assert data["status"] == "FAILED"
    assert "interrupted" in data["warnings"][0]


async def test_the_server_resumes_unfinished_parses_on_start(settings, make_org, client, app, org):
    from refleum.app import create_app

    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    restarted = create_app(settings, run_jobs=True)
    async with restarted.router.lifespan_context(restarted):
        for _ in range(200):
            if (await fetch(client, org, resume_id))["status"] != "PROCESSING":
                break
            await asyncio.sleep(0.05)
    assert (await fetch(client, org, resume_id))["status"] == "READY"


async def test_a_document_past_the_text_cap_ends_failed_and_keeps_the_bytes(client, app, org):
    book = book_docx(MAX_TEXT_CHARS + 50_000)
    resume_id = (await upload(client, org, book, "book.docx")).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    data = await fetch(client, org, resume_id)
    assert data["status"] == "FAILED"
    assert "more than 300,000 characters" in data["warnings"][0]
    async with app.state.db.sessions() as session:
        assert (await session.get(ResumeFile, resume_id)).data == book


@pytest.mark.parametrize(
    "setting, reason",
    [
        ({"extract_timeout_s": 0.001}, "took longer than 0.001 s"),
        ({"max_extracted_chars": 1000}, "more than 1,000 characters"),
    ],
)
async def test_extraction_limits_are_settings(settings, setting, reason):
    lawyer = (CORPUS / "michael_obrien_lawyer.pdf").read_bytes()  # 2,700 characters
    async with running_app(settings.model_copy(update=setting)) as http:
        async with http.app.state.db.sessions() as session:
            org = await orgs.create_org(session, "Limits", Plan.PRO)
            created = await orgs.create_key(session, org.id)
            await session.commit()
        auth = {"Authorization": f"Bearer {created.secret}"}
        posted = await http.post(RESUMES, headers=auth, files={"file": ("cv.pdf", lawyer)})
        await http.app.state.jobs.drain()
        data = await http.get(f"{RESUMES}/{posted.json()['data']['resume_id']}", headers=auth)
    assert data.json()["data"]["status"] == "FAILED"
    assert reason in data.json()["data"]["warnings"][0]


async def test_weak_entries_reach_the_record_as_warnings(client, app, org):
    """Confidence lives in the parse result, not in ResumeData: the record's warnings tell
    the user which entry to check before tailoring."""
    from weasyprint import HTML

    lines = [
        "Ana Souza",
        "ana.souza@example.com",
        "EXPERIENCE",
        "Data Analyst — Northwind Traders | Jan 2021 – Present",
        "• Built weekly revenue dashboards",
        "Blue Harbour — Green Valley",
        "• Ran the night shift",
    ]
    body = "".join(f"<p>{line}</p>" for line in lines)
    pdf = HTML(string=f"<html><body>{body}</body></html>").write_pdf()
    resume_id = (await upload(client, org, pdf)).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    data = await fetch(client, org, resume_id)
    assert data["status"] == "READY", data["warnings"]
    assert len(data["structured_data"]["workExperience"]) == 2
    assert any(
        w.startswith("Check work experience entry 2: its title and company could not be told")
        for w in data["warnings"]
    ), data["warnings"]
    assert not any("entry 1" in w for w in data["warnings"])
