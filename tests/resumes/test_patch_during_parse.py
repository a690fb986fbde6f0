"""PATCH status while a parse is in flight leaves a coherent record (audit #11, 12 a).

Decision (docs/decisions.md): the client's FAILED wins, the parse's result is dropped, and
the record says why in `warnings`; /retry parses again.
"""

from __future__ import annotations

from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

from refleum.resumes import tasks

RESUMES = "/api/v1/resumes"


async def fetch(client, org, resume_id):
    return (await client.get(f"{RESUMES}/{resume_id}", headers=org.headers)).json()["data"]


async def patch_status(client, org, resume_id, status):
    return await client.patch(
        f"{RESUMES}/{resume_id}", headers=org.headers, json={"status": status}
    )


async def test_failed_while_parsing_keeps_a_reason_and_retry_recovers(
    client, app, org, monkeypatch
):
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    real_parse = tasks._parse

    async def parse_then_client_patches(*args, **kwargs):
        outcome = await real_parse(*args, **kwargs)
        # The client's PATCH lands after the parse finished its work, before it is saved.
        assert (await patch_status(client, org, resume_id, "FAILED")).status_code == 200
        return outcome

    monkeypatch.setattr(tasks, "_parse", parse_then_client_patches)
    await app.state.jobs.drain()

    data = await fetch(client, org, resume_id)
    assert data["status"] == "FAILED"
    assert len(data["warnings"]) == 1
    assert "set to FAILED by the client while parsing" in data["warnings"][0]
    assert "/retry" in data["warnings"][0]

    monkeypatch.setattr(tasks, "_parse", real_parse)
    assert (
        await client.post(f"{RESUMES}/{resume_id}/retry", headers=org.headers)
    ).status_code == 200
    await app.state.jobs.drain()
    data = await fetch(client, org, resume_id)
    assert data["status"] == "READY" and data["warnings"] == []
    assert data["structured_data"]["personalInfo"]["name"] == "Ana Souza"


async def test_failed_on_a_ready_resume_says_the_client_set_it_once(client, app, org):
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    before = await fetch(client, org, resume_id)
    for _ in range(2):  # a repeated PATCH adds no second reason
        assert (await patch_status(client, org, resume_id, "FAILED")).status_code == 200
    data = await fetch(client, org, resume_id)
    assert data["status"] == "FAILED"
    assert data["warnings"] == [*before["warnings"], "Status set to FAILED by the client."]
    assert data["structured_data"] == before["structured_data"]
