"""The sync client's async requests: `start_tailor` sends Prefer: respond-async, and
`wait_for_job` polls until the job is done, raising a failed job's error."""

from __future__ import annotations

import httpx
import pytest
from tests.client.test_retries import Script, sync_client

from refleum.client import Job, NotFoundError, TimeoutError

JOB = {
    "id": "job_1",
    "kind": "tailor",
    "status": "queued",
    "created_at": "2026-11-29T10:00:00Z",
    "updated_at": "2026-11-29T10:00:00Z",
    "links": {"self": "/api/v1/jobs/job_1"},
}


def answer(**changes) -> httpx.Response:
    return httpx.Response(200, json={"data": {**JOB, **changes}})


def test_start_tailor_asks_for_a_job_and_waiting_returns_its_result():
    script = Script(
        httpx.Response(202, json={"data": JOB}),
        answer(status="running"),
        answer(status="succeeded", result={"resume_id": "res_2"}),
    )
    slept: list[float] = []
    with sync_client(script, slept) as api:
        job = api.start_tailor("res_1", "a job description", strategy="KEYWORDS")
        done = api.wait_for_job(job.id, poll=2.5)
    assert isinstance(done, Job) and done.result == {"resume_id": "res_2"}
    assert script.requests[0].headers["Prefer"] == "respond-async"
    assert [r.url.path for r in script.requests[1:]] == ["/api/v1/jobs/job_1"] * 2
    assert slept == [2.5]


@pytest.mark.parametrize("error,raised", [("TIMEOUT", TimeoutError), ("NOT_FOUND", NotFoundError)])
def test_a_failed_job_raises_the_error_of_its_code(error, raised):
    failed = answer(status="failed", error={"error": error, "detail": "what went wrong"})
    with sync_client(Script(failed), []) as api, pytest.raises(raised) as caught:
        api.wait_for_job("job_1")
    assert (caught.value.code, caught.value.detail) == (error, "what went wrong")
