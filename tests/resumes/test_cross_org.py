"""Every endpoint that takes an id, called with another organization's key, answers 404
and changes nothing. A new endpoint joins by adding a row to CASES."""

from __future__ import annotations

import pytest
from tests.letters.samples import JD, RESUME
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

# (method, path template, json body). {rid} is the victim's resume id.
CASES = [
    ("GET", "/api/v1/resumes/{rid}", None),
    ("PATCH", "/api/v1/resumes/{rid}", {"title": "stolen", "structuredData": {"summary": "x"}}),
    ("DELETE", "/api/v1/resumes/{rid}", None),
    ("POST", "/api/v1/resumes/{rid}/retry", None),
    ("GET", "/api/v1/resumes/{rid}/docx", None),
    ("GET", "/api/v1/resumes/{rid}/markdown", None),
    ("POST", "/api/v1/resumes/{rid}/tailor", {"job_description": " ".join(["SQL"] * 120)}),
    # Letters: {clid} / {oid} are the victim's cover letter and outreach message.
    ("GET", "/api/v1/resumes/{rid}/cover-letters", None),
    ("POST", "/api/v1/resumes/{rid}/cover-letters", {"job_description": "We need SQL."}),
    ("GET", "/api/v1/resumes/{rid}/cover-letters/{clid}", None),
    ("DELETE", "/api/v1/resumes/{rid}/cover-letters/{clid}", None),
    ("POST", "/api/v1/resumes/{rid}/cover-letters/{clid}/regenerate", {"job_description": "SQL."}),
    ("GET", "/api/v1/resumes/{rid}/outreach", None),
    ("POST", "/api/v1/resumes/{rid}/outreach", {"job_description": "We need SQL."}),
    ("GET", "/api/v1/resumes/{rid}/outreach/{oid}", None),
    ("DELETE", "/api/v1/resumes/{rid}/outreach/{oid}", None),
    ("POST", "/api/v1/resumes/{rid}/outreach/{oid}/regenerate", {"job_description": "SQL."}),
]
LETTERS = {"clid": "cover-letters", "oid": "outreach"}


async def snapshot(client, owner, rid):
    urls = [f"/api/v1/resumes/{rid}", *(f"/api/v1/resumes/{rid}/{p}" for p in LETTERS.values())]
    return [(await client.get(url, headers=owner.headers)).json() for url in urls]


async def victim_letters(client, owner, rid, template) -> dict[str, str]:
    """The owner's letters a template refers to, made on a READY resume (no parse job)."""
    wanted = [name for name in LETTERS if f"{{{name}}}" in template]
    if not wanted:
        return {}
    await client.patch(
        f"/api/v1/resumes/{rid}",
        headers=owner.headers,
        json={"structuredData": RESUME, "status": "READY"},
    )
    ids = {}
    for name in wanted:
        created = await client.post(
            f"/api/v1/resumes/{rid}/{LETTERS[name]}",
            headers=owner.headers,
            json={"job_description": JD},
        )
        ids[name] = next(
            v for k, v in created.json()["data"].items() if k.endswith("_id") and k != "resume_id"
        )
    return ids


@pytest.mark.parametrize(("method", "template", "body"), CASES)
async def test_other_orgs_resources_are_not_found_and_untouched(
    client, make_org, method, template, body
):
    owner = await make_org("Owner")
    intruder = await make_org("Intruder")
    rid = (await upload(client, owner, sample_pdf())).json()["data"]["resume_id"]
    letters = await victim_letters(client, owner, rid, template)
    before = await snapshot(client, owner, rid)

    response = await client.request(
        method, template.format(rid=rid, **letters), headers=intruder.headers, json=body
    )
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND"
    assert await snapshot(client, owner, rid) == before

    listed = (
        await client.get(
            "/api/v1/resumes", headers=intruder.headers, params={"include_master": True}
        )
    ).json()
    assert listed["data"] == [] and listed["meta"]["total"] == 0
