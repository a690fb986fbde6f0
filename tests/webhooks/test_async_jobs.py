"""An async tailor call's outcome reaches webhooks like a synchronous one's."""

from __future__ import annotations

from sqlalchemy import update
from tests.async_jobs.test_async_tailor import poll, tailor_async
from tests.tailoring.test_endpoints import ready_resume
from tests.webhooks.conftest import create_hook

from refleum.jobs.models import ApiJob
from refleum.limits.quotas import usage_this_month


async def test_async_tailor_delivers_tailor_completed(client, app, org, receiver):
    await create_hook(client, org, receiver.url, ["tailor.completed"])
    resume_id = await ready_resume(client, app, org)
    job = (await tailor_async(client, org, resume_id)).json()["data"]
    await app.state.api_jobs.drain()
    result = (await poll(client, org, job["id"]))["result"]
    await app.state.webhooks.drain()
    [completed] = receiver.of_type("tailor.completed")
    assert f'"resume_id":"{result["resume_id"]}"'.encode() in completed.body


async def test_a_job_interrupted_too_often_fails_and_delivers_tailor_failed(
    client, app, org, receiver
):
    await create_hook(client, org, receiver.url, ["tailor.failed"])
    resume_id = await ready_resume(client, app, org)
    job = (await tailor_async(client, org, resume_id)).json()["data"]
    async with app.state.db.sessions() as session:
        await session.execute(update(ApiJob).where(ApiJob.id == job["id"]).values(attempts=3))
        await session.commit()
    await app.state.api_jobs.drain()
    failed = await poll(client, org, job["id"])
    assert failed["status"] == "failed" and failed["error"]["error"] == "INTERNAL_ERROR"
    await app.state.webhooks.drain()
    [event] = receiver.of_type("tailor.failed")
    assert resume_id.encode() in event.body
    async with app.state.db.sessions() as session:
        _, counter = await usage_this_month(session, org.org_id)
    assert (counter.tailor_used, counter.tailor_reserved) == (0, 0)  # the slot went back
