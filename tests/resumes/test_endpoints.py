import pytest
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

from refleum.resume_data import ResumeData

RESUMES = "/api/v1/resumes"


async def new_resume(client, org, **form) -> str:
    return (await upload(client, org, sample_pdf(), **form)).json()["data"]["resume_id"]


async def test_list_sorts_by_updated_desc_excludes_master_by_default_and_pages(client, org):
    ids = [await new_resume(client, org) for _ in range(4)]  # ids[0] is master
    default = (await client.get(RESUMES, headers=org.headers)).json()
    assert [r["resume_id"] for r in default["data"]] == ids[:0:-1]
    assert default["meta"] == {"limit": 20, "offset": 0, "total": 3}

    await client.patch(f"{RESUMES}/{ids[1]}", headers=org.headers, json={"title": "touched"})
    everything = (
        await client.get(RESUMES, headers=org.headers, params={"include_master": True})
    ).json()
    assert everything["data"][0]["resume_id"] == ids[1]
    assert everything["meta"]["total"] == 4

    page = (
        await client.get(
            RESUMES, headers=org.headers, params={"limit": 2, "offset": 1, "include_master": True}
        )
    ).json()
    assert page["meta"] == {"limit": 2, "offset": 1, "total": 4}
    assert len(page["data"]) == 2


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "x"}])
async def test_list_rejects_bad_paging(client, org, params):
    response = await client.get(RESUMES, headers=org.headers, params=params)
    assert response.status_code == 400
    assert response.json()["error"] == "VALIDATION_ERROR"


async def test_get_returns_every_field_the_seed_names(client, org):
    resume_id = await new_resume(client, org)
    data = (await client.get(f"{RESUMES}/{resume_id}", headers=org.headers)).json()["data"]
    for field in (
        "resume_id",
        "is_master",
        "status",
        "filename",
        "warnings",
        "structured_data",
        "job_description",
        "job_keywords",
        "strategy",
        "parent_id",
        "title",
    ):
        assert field in data


@pytest.mark.parametrize("spelling", ["structuredData", "structured_data"])
async def test_patch_merges_structured_data_and_validates_it(client, org, spelling):
    resume_id = await new_resume(client, org)
    url = f"{RESUMES}/{resume_id}"
    first = {
        "personalInfo": {"name": "Ana Souza", "email": "ana@example.com"},
        "summary": "Analyst",
    }
    assert (await client.patch(url, headers=org.headers, json={spelling: first})).status_code == 200
    second = {"personalInfo": {"phone": "+1 415 555 0100"}}
    data = (await client.patch(url, headers=org.headers, json={spelling: second})).json()["data"]
    info = data["structured_data"]["personalInfo"]
    assert (info["name"], info["email"], info["phone"]) == (
        "Ana Souza",
        "ana@example.com",
        "+1 415 555 0100",
    )
    assert data["structured_data"]["summary"] == "Analyst"
    ResumeData.model_validate(data["structured_data"])


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"extra": 1}, "extra"),
        ({"structuredData": {"nickname": "x"}}, "nickname"),
        ({"structuredData": {"workExperience": [{"title": "no id"}]}}, "workExperience"),
        ({"structuredData": {}, "structured_data": {}}, "not both"),
        ({"status": "PROCESSING"}, "status"),
        ({"status": "DONE"}, "status"),
        ({"title": 5}, "title"),
        ({"filename": ""}, "filename"),
    ],
)
async def test_patch_refuses_bad_input_and_keeps_the_record(client, org, body, needle):
    resume_id = await new_resume(client, org)
    url = f"{RESUMES}/{resume_id}"
    await client.patch(
        url, headers=org.headers, json={"title": "kept", "structuredData": {"summary": "S"}}
    )
    response = await client.patch(url, headers=org.headers, json=body)
    assert response.status_code == 400
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert needle in response.json()["detail"]
    kept = (await client.get(url, headers=org.headers)).json()["data"]
    assert kept["title"] == "kept" and kept["structured_data"]["summary"] == "S"


async def test_patch_status_and_filename(client, org):
    resume_id = await new_resume(client, org)
    url = f"{RESUMES}/{resume_id}"
    # No structured data yet: READY would be a lie.
    assert (
        await client.patch(url, headers=org.headers, json={"status": "READY"})
    ).status_code == 400
    await client.patch(url, headers=org.headers, json={"structuredData": {"summary": "S"}})
    data = (
        await client.patch(
            url, headers=org.headers, json={"status": "READY", "filename": "new.pdf"}
        )
    ).json()["data"]
    assert (data["status"], data["filename"]) == ("READY", "new.pdf")


async def test_delete_removes_the_resume_and_hands_master_on(client, org):
    master = await new_resume(client, org)
    other = await new_resume(client, org)
    response = await client.delete(f"{RESUMES}/{master}", headers=org.headers)
    assert response.status_code == 200
    assert (await client.get(f"{RESUMES}/{master}", headers=org.headers)).status_code == 404
    assert (await client.get(f"{RESUMES}/{other}", headers=org.headers)).json()["data"]["is_master"]
    assert (await client.delete(f"{RESUMES}/{master}", headers=org.headers)).status_code == 404
