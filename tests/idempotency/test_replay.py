"""Idempotency-Key on the real endpoints: replays, conflicts, scoping, limits and quota."""

from __future__ import annotations

import pytest
from tests.idempotency.support import count_records, keyed, stored_headers
from tests.resumes.test_upload import RESUMES, count_rows
from tests.samples import sample_docx, sample_pdf
from tests.tailoring.test_endpoints import JD, ready_resume


async def upload(client, org, key, data: bytes, name="resume.pdf", **form):
    files = {"file": (name, data)}
    return await client.post(RESUMES, headers=keyed(org, key), files=files, data=form)


async def test_a_replayed_upload_returns_the_same_resume_and_stores_one(client, app, org):
    first = await upload(client, org, "upload-1", sample_pdf())
    # httpx picks a new multipart boundary per request: the raw bodies differ.
    again = await upload(client, org, "upload-1", sample_pdf())
    assert first.status_code == again.status_code == 201
    assert again.json()["data"]["resume_id"] == first.json()["data"]["resume_id"]
    assert again.content == first.content
    assert stored_headers(again) == [*stored_headers(first), ("idempotent-replayed", "true")]
    assert "idempotent-replayed" not in first.headers
    assert again.headers["x-request-id"] != first.headers["x-request-id"]
    assert await count_rows(app) == (1, 1)


async def test_the_same_key_with_another_body_is_a_conflict(client, app, org):
    assert (await upload(client, org, "k", sample_pdf())).status_code == 201
    other_file = await upload(client, org, "k", sample_docx())
    other_name = await upload(client, org, "k", sample_pdf(), name="other.pdf")
    other_field = await upload(client, org, "k", sample_pdf(), set_as_master="true")
    for response in (other_file, other_name, other_field):
        assert response.status_code == 409
        assert response.json()["error"] == "IDEMPOTENCY_CONFLICT"
        assert "different request" in response.json()["detail"]
    assert await count_rows(app) == (1, 1)


async def test_the_same_key_on_another_path_is_a_conflict(client, app, org):
    resume_id = (await upload(client, org, "k", sample_pdf())).json()["data"]["resume_id"]
    retry = await client.post(f"{RESUMES}/{resume_id}/retry", headers=keyed(org, "k"))
    assert retry.status_code == 409 and retry.json()["error"] == "IDEMPOTENCY_CONFLICT"


async def test_keys_are_scoped_per_organization(client, app, make_org):
    a, b = await make_org("A"), await make_org("B")
    first_a = await upload(client, a, "shared", sample_pdf())
    first_b = await upload(client, b, "shared", sample_docx())  # another body: no conflict
    assert first_a.status_code == first_b.status_code == 201
    assert "idempotent-replayed" not in first_b.headers
    again_b = await upload(client, b, "shared", sample_docx())
    assert again_b.json()["data"]["resume_id"] == first_b.json()["data"]["resume_id"]
    assert again_b.json()["data"]["resume_id"] != first_a.json()["data"]["resume_id"]
    assert await count_rows(app) == (2, 2)


async def test_without_a_key_every_post_runs(client, app, org):
    for _ in range(2):
        response = await client.post(
            RESUMES, headers=org.headers, files={"file": ("cv.pdf", sample_pdf())}
        )
        assert response.status_code == 201
    assert await count_rows(app) == (2, 2)
    assert await count_records(app) == 0


@pytest.mark.parametrize("key", ["", " ", "a" * 256, "tab\there", "é-key".encode(), "line\x7f"])
async def test_a_malformed_key_is_a_400_and_nothing_is_stored(client, app, org, key):
    headers = {**org.headers, "Idempotency-Key": key}
    files = {"file": ("cv.pdf", sample_pdf())}
    response = await client.post(RESUMES, headers=headers, files=files)
    assert response.status_code == 400 and response.json()["error"] == "VALIDATION_ERROR"
    assert "Idempotency-Key" in response.json()["detail"]
    assert await count_rows(app) == (0, 0)
    assert await count_records(app) == 0


async def test_the_longest_key_and_any_printable_characters_are_accepted(client, org):
    key = ("a b!~" * 51)[:255]
    assert (await upload(client, org, key, sample_pdf())).status_code == 201
    assert (await upload(client, org, key, sample_pdf())).headers["idempotent-replayed"] == "true"


async def test_a_4xx_is_stored_and_replayed(client, app, org):
    url = f"{RESUMES}/res_01jdoesnotexist000000000000/retry"
    first = await client.post(url, headers=keyed(org, "missing"))
    again = await client.post(url, headers=keyed(org, "missing"))
    assert first.status_code == again.status_code == 404
    assert again.content == first.content and again.headers["idempotent-replayed"] == "true"


async def test_a_replay_counts_against_the_rate_limit(client, org):
    first = await upload(client, org, "rl", sample_pdf())
    again = await upload(client, org, "rl", sample_pdf())
    remaining = int(first.headers["x-ratelimit-remaining"])
    assert int(again.headers["x-ratelimit-remaining"]) == remaining - 1
    assert again.headers["x-ratelimit-limit"] == first.headers["x-ratelimit-limit"]


async def test_a_replayed_tailoring_is_not_charged_twice(client, app, org):
    resume_id = await ready_resume(client, app, org)
    url = f"/api/v1/resumes/{resume_id}/tailor"
    body = {"job_description": JD}
    first = await client.post(url, headers=keyed(org, "tailor-1"), json=body)
    again = await client.post(url, headers=keyed(org, "tailor-1"), json=body)
    assert first.status_code == again.status_code == 201, first.text
    assert again.json() == first.json()
    usage = (await client.get("/api/v1/usage", headers=org.headers)).json()["data"]
    assert usage["tailor_calls"] == 1
    assert await count_rows(app) == (2, 1)  # the upload and one tailored child


async def test_a_request_validation_error_is_kept_like_any_4xx(client, app, org):
    resume_id = await ready_resume(client, app, org)
    url = f"/api/v1/resumes/{resume_id}/tailor"
    short = {"job_description": "too short"}
    first = await client.post(url, headers=keyed(org, "v"), json=short)
    again = await client.post(url, headers=keyed(org, "v"), json=short)
    assert first.status_code == again.status_code == 400
    assert again.headers["idempotent-replayed"] == "true" and again.content == first.content
    fixed = await client.post(url, headers=keyed(org, "v"), json={"job_description": JD})
    assert fixed.status_code == 409


async def test_malformed_json_is_refused_before_the_key_is_claimed(client, app, org):
    headers = {**keyed(org, "m"), "Content-Type": "application/json"}
    url = f"{RESUMES}/res_01jdoesnotexist000000000000/tailor"
    response = await client.post(url, headers=headers, content=b'{"job_description": ')
    assert response.status_code == 400 and "Malformed JSON" in response.json()["detail"]
    assert await count_records(app) == 0
