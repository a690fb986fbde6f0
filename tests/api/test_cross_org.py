"""Every endpoint that takes an id, called with another organization's key, answers 404
and changes nothing. A new endpoint joins by adding a row to CASES."""

from __future__ import annotations

import pytest

from tests.api.test_resume_upload import upload
from tests.samples import sample_pdf

# (method, path template, json body). {rid} is the victim's resume id.
CASES = [
    ("GET", "/api/v1/resumes/{rid}", None),
    ("PATCH", "/api/v1/resumes/{rid}", {"title": "stolen", "structuredData": {"summary": "x"}}),
    ("DELETE", "/api/v1/resumes/{rid}", None),
    ("POST", "/api/v1/resumes/{rid}/retry", None),
]


async def snapshot(client, owner, rid):
    return (await client.get(f"/api/v1/resumes/{rid}", headers=owner.headers)).json()


@pytest.mark.parametrize(("method", "template", "body"), CASES)
async def test_other_orgs_resources_are_not_found_and_untouched(
    client, make_org, method, template, body
):
    owner = await make_org("Owner")
    intruder = await make_org("Intruder")
    rid = (await upload(client, owner, sample_pdf())).json()["data"]["resume_id"]
    before = await snapshot(client, owner, rid)

    response = await client.request(
        method, template.format(rid=rid), headers=intruder.headers, json=body
    )
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND"
    assert await snapshot(client, owner, rid) == before

    listed = (await client.get("/api/v1/resumes", headers=intruder.headers,
                               params={"include_master": True})).json()
    assert listed["data"] == [] and listed["meta"]["total"] == 0
