"""Async requests: 202 + a job, run by the api_jobs runner, polled at GET /jobs/{id}."""

from __future__ import annotations

import pytest
from sqlalchemy import update
from tests.tailoring.test_endpoints import JD, count_resumes, ready_resume

from refleum.jobs.accepted import wants_async
from refleum.jobs.models import ApiJob
from refleum.limits.quotas import usage_this_month
from refleum.orgs.plans import Plan


async def tailor_async(client, org, resume_id, headers=None, **body):
    return await client.post(
        f"/api/v1/resumes/{resume_id}/tailor",
        headers={**org.headers, **(headers or {"Prefer": "respond-async"})},
        json={"job_description": JD, **body},
    )


async def poll(client, org, job_id):
    response = await client.get(f"/api/v1/jobs/{job_id}", headers=org.headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]


@pytest.mark.parametrize(
    "prefer,expected",
    [
        ("respond-async", True),
        ("Respond-Async, wait=10", True),
        ("return=minimal; foo, respond-async", True),
        ("return=representation", False),
        ("", False),
        (None, False),
    ],
)
def test_prefer_header_is_read_as_rfc_7240(prefer, expected):
    assert wants_async(prefer) is expected


async def test_async_tailor_answers_202_then_the_job_holds_the_sync_result(client, app, org):
    resume_id = await ready_resume(client, app, org)
    before = await count_resumes(app)
    response = await tailor_async(client, org, resume_id)
    assert response.status_code == 202, response.text
    job = response.json()["data"]
    assert job["status"] == "queued" and job["kind"] == "tailor"
    assert job["id"].startswith("job_")
    assert response.headers["location"] == f"/api/v1/jobs/{job['id']}"
    assert job["links"]["self"] == response.headers["location"]
    assert await count_resumes(app) == before  # nothing tailored yet

    await app.state.api_jobs.drain()
    done = await poll(client, org, job["id"])
    assert done["status"] == "succeeded" and done["error"] is None
    result = done["result"]
    assert result["parent_id"] == resume_id
    assert {"changes", "gaps", "refinement_stats", "resume_data"} <= result.keys()
    assert await count_resumes(app) == before + 1
    stored = await client.get(f"/api/v1/resumes/{result['resume_id']}", headers=org.headers)
    assert stored.status_code == 200
    async with app.state.db.sessions() as session:
        _, counter = await usage_this_month(session, org.org_id)
    assert (counter.tailor_used, counter.tailor_reserved) == (1, 0)


async def test_async_flag_in_the_body_works_like_the_header(client, app, org):
    resume_id = await ready_resume(client, app, org)
    response = await tailor_async(client, org, resume_id, headers={}, **{"async": True})
    assert response.status_code == 202, response.text


async def test_async_refusals_are_the_sync_calls(client, app, make_org):
    free = await make_org("Free", Plan.FREE)
    assert (await tailor_async(client, free, "res_nope")).json()["error"] == "PLAN_REQUIRED"
    pro = await make_org("Pro")
    missing = await tailor_async(client, pro, "res_nope")
    assert missing.status_code == 404 and missing.json()["error"] == "NOT_FOUND"
    short = await client.post(
        "/api/v1/resumes/res_x/tailor",
        headers={**pro.headers, "Prefer": "respond-async"},
        json={"job_description": "too short"},
    )
    assert short.status_code == 400 and short.json()["error"] == "VALIDATION_ERROR"


async def test_a_job_of_another_org_is_404(client, app, make_org):
    a, b = await make_org("A"), await make_org("B")
    resume_id = await ready_resume(client, app, a)
    job = (await tailor_async(client, a, resume_id)).json()["data"]
    other = await client.get(f"/api/v1/jobs/{job['id']}", headers=b.headers)
    assert other.status_code == 404 and other.json()["error"] == "NOT_FOUND"
    unknown = await client.get("/api/v1/jobs/job_nope", headers=a.headers)
    assert unknown.status_code == 404


async def test_a_failed_job_carries_the_error_envelope_and_gives_the_slot_back(client, app, org):
    resume_id = await ready_resume(client, app, org)
    job = (await tailor_async(client, org, resume_id)).json()["data"]
    # The source is deleted while the job waits: the run answers what the sync call would.
    deleted = await client.delete(f"/api/v1/resumes/{resume_id}", headers=org.headers)
    assert deleted.status_code == 200, deleted.text
    await app.state.api_jobs.drain()
    failed = await poll(client, org, job["id"])
    assert failed["status"] == "failed" and failed["result"] is None
    assert failed["error"]["error"] == "NOT_FOUND"
    async with app.state.db.sessions() as session:
        _, counter = await usage_this_month(session, org.org_id)
    assert (counter.tailor_used, counter.tailor_reserved) == (0, 0)


async def test_a_job_left_running_by_a_dead_worker_runs_again(client, app, org):
    resume_id = await ready_resume(client, app, org)
    job = (await tailor_async(client, org, resume_id)).json()["data"]
    async with app.state.db.sessions() as session:
        # A worker that died mid-run: its row is gone, its lease names it.
        await session.execute(
            update(ApiJob)
            .where(ApiJob.id == job["id"])
            .values(status="running", lease_owner="wkr_dead", attempts=1)
        )
        await session.commit()
    await app.state.api_jobs.drain()
    assert (await poll(client, org, job["id"]))["status"] == "succeeded"


async def test_async_cover_letter(client, app, org):
    resume_id = await ready_resume(client, app, org)
    tailored = (await tailor_async(client, org, resume_id, headers={"Prefer": ""})).json()
    child = tailored["data"]["resume_id"]
    response = await client.post(
        f"/api/v1/resumes/{child}/cover-letters",
        headers={**org.headers, "Prefer": "respond-async"},
    )
    assert response.status_code == 202, response.text
    job = response.json()["data"]
    assert job["kind"] == "cover_letter"
    await app.state.api_jobs.drain()
    done = await poll(client, org, job["id"])
    assert done["status"] == "succeeded", done
    letter = await client.get(
        f"/api/v1/resumes/{child}/cover-letters/{done['result']['cover_letter_id']}",
        headers=org.headers,
    )
    assert letter.status_code == 200
