"""The cover-letter and outreach endpoints on SQLite and PostgreSQL, local engine."""

import pytest
from sqlalchemy import func, select
from tests.letters.samples import JD, OTHER_JD, ready_resume, ready_resume_via_service
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

from refleum.letters.models import Letter
from refleum.letters.similarity import REGENERATE_AIM, similarity
from refleum.orgs.plans import Plan

KINDS = [("cover-letters", "cover_letter_id", "cl_"), ("outreach", "outreach_id", "out_")]


def base(rid: str, path: str) -> str:
    return f"/api/v1/resumes/{rid}/{path}"


async def letter_count(app) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(Letter))


@pytest.mark.parametrize(("path", "id_field", "prefix"), KINDS)
async def test_generate_answers_201_with_the_documented_object(client, org, path, id_field, prefix):
    rid = await ready_resume(client, org)
    response = await client.post(base(rid, path), headers=org.headers, json={"job_description": JD})
    assert response.status_code == 201, response.text
    body = response.json()["data"]
    assert body[id_field].startswith(prefix) and len(body[id_field]) == len(prefix) + 26
    assert body["resume_id"] == rid
    assert body["job_description"] == JD
    assert body["language"] == "en"
    assert body["warnings"] == []
    assert "Globex" in body["content"]
    assert body["created_at"] == body["updated_at"]
    if path == "outreach":
        assert 0 < len(body["connection_note"]) <= 300
    else:
        assert "connection_note" not in body


@pytest.mark.parametrize(("path", "id_field", "prefix"), KINDS)
async def test_get_list_and_delete(client, org, path, id_field, prefix):
    rid = await ready_resume(client, org)
    ids = []
    for _ in range(3):
        created = await client.post(
            base(rid, path), headers=org.headers, json={"job_description": JD}
        )
        ids.append(created.json()["data"][id_field])
    listed = (
        await client.get(base(rid, path), headers=org.headers, params={"limit": 2, "offset": 1})
    ).json()
    assert listed["meta"] == {"limit": 2, "offset": 1, "total": 3}
    assert [item[id_field] for item in listed["data"]] == [ids[1], ids[0]]  # newest first
    default = (await client.get(base(rid, path), headers=org.headers)).json()
    assert default["meta"]["limit"] == 20 and len(default["data"]) == 3

    got = await client.get(f"{base(rid, path)}/{ids[0]}", headers=org.headers)
    assert got.status_code == 200 and got.json()["data"][id_field] == ids[0]
    deleted = await client.delete(f"{base(rid, path)}/{ids[0]}", headers=org.headers)
    assert deleted.status_code == 200
    assert deleted.json()["data"] == {id_field: ids[0], "deleted": True}
    gone = await client.get(f"{base(rid, path)}/{ids[0]}", headers=org.headers)
    assert gone.status_code == 404 and gone.json()["error"] == "NOT_FOUND"


async def test_a_letter_is_only_found_under_its_own_kind_and_resume(client, org):
    rid = await ready_resume(client, org)
    other = await ready_resume(client, org)
    cl = (
        await client.post(
            base(rid, "cover-letters"), headers=org.headers, json={"job_description": JD}
        )
    ).json()["data"]["cover_letter_id"]
    for url in (f"{base(rid, 'outreach')}/{cl}", f"{base(other, 'cover-letters')}/{cl}"):
        response = await client.get(url, headers=org.headers)
        assert response.status_code == 404


@pytest.mark.parametrize(("path", "id_field", "prefix"), KINDS)
async def test_regenerate_keeps_the_id_and_moves_updated_at(client, org, path, id_field, prefix):
    rid = await ready_resume(client, org)
    first = (
        await client.post(base(rid, path), headers=org.headers, json={"job_description": JD})
    ).json()["data"]
    again = await client.post(
        f"{base(rid, path)}/{first[id_field]}/regenerate",
        headers=org.headers,
        json={"job_description": OTHER_JD},
    )
    assert again.status_code == 200, again.text
    body = again.json()["data"]
    assert body[id_field] == first[id_field]
    assert body["created_at"] == first["created_at"]
    assert body["updated_at"] > first["updated_at"]
    assert body["job_description"] == OTHER_JD and "Initech" in body["content"]
    stored = (await client.get(f"{base(rid, path)}/{first[id_field]}", headers=org.headers)).json()
    assert stored["data"] == body
    listed = (await client.get(base(rid, path), headers=org.headers)).json()
    assert listed["meta"]["total"] == 1


async def test_regenerate_without_a_body_reuses_the_letters_own_job_description(client, org):
    rid = await ready_resume(client, org)
    first = (
        await client.post(
            base(rid, "cover-letters"), headers=org.headers, json={"job_description": OTHER_JD}
        )
    ).json()["data"]
    again = await client.post(
        f"{base(rid, 'cover-letters')}/{first['cover_letter_id']}/regenerate", headers=org.headers
    )
    assert again.status_code == 200
    assert again.json()["data"]["job_description"] == OTHER_JD
    # Same job, another version: regenerate hands the old content to the engine (#16).
    content = again.json()["data"]["content"]
    assert similarity(content, first["content"]) < REGENERATE_AIM
    assert "Initech" in content and content.rstrip().endswith("Ana Souza")


@pytest.mark.parametrize(("path", "id_field", "prefix"), KINDS)
async def test_job_description_override_then_stored_then_400(
    client, app, org, path, id_field, prefix
):
    stored_rid = await ready_resume(client, org, job_description=JD, app=app)
    from_stored = await client.post(base(stored_rid, path), headers=org.headers)
    assert from_stored.status_code == 201
    assert from_stored.json()["data"]["job_description"] == JD
    overridden = await client.post(
        base(stored_rid, path), headers=org.headers, json={"job_description": OTHER_JD}
    )
    assert overridden.json()["data"]["job_description"] == OTHER_JD

    bare_rid = await ready_resume(client, org)
    missing = await client.post(base(bare_rid, path), headers=org.headers, json={})
    assert missing.status_code == 400
    assert missing.json()["error"] == "NO_JOB_DESCRIPTION"


async def test_a_resume_that_is_not_ready_is_a_validation_error(client, app, org):
    rid = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    response = await client.post(
        base(rid, "cover-letters"), headers=org.headers, json={"job_description": JD}
    )
    assert response.status_code == 400
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert "READY" in response.json()["detail"]
    assert await letter_count(app) == 0


@pytest.mark.parametrize("job_description", ["   ", "word " * 8001])
async def test_a_blank_or_oversized_job_description_is_a_validation_error(
    client, org, job_description
):
    rid = await ready_resume(client, org)
    response = await client.post(
        base(rid, "outreach"), headers=org.headers, json={"job_description": job_description}
    )
    assert response.status_code == 400 and response.json()["error"] == "VALIDATION_ERROR"
    assert "job_description" in response.json()["detail"]


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt-BR"])
async def test_output_language_is_written_by_the_local_engine(client, org, language):
    rid = await ready_resume(client, org)
    response = await client.post(
        base(rid, "cover-letters"),
        headers=org.headers,
        json={"job_description": JD, "output_language": language},
    )
    assert response.status_code == 201
    body = response.json()["data"]
    assert body["language"] == language
    assert "Dear" not in body["content"]


async def test_a_language_the_local_engine_lacks_needs_an_llm_provider(client, app, org):
    rid = await ready_resume(client, org)
    response = await client.post(
        base(rid, "outreach"),
        headers=org.headers,
        json={"job_description": JD, "output_language": "zh"},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert "LLM provider" in response.json()["detail"]
    assert await letter_count(app) == 0


async def test_the_default_language_is_the_orgs_content_language(client, org):
    await client.put("/api/v1/llm-config", headers=org.headers, json={"content_language": "fr"})
    rid = await ready_resume(client, org)
    body = (
        await client.post(
            base(rid, "cover-letters"), headers=org.headers, json={"job_description": JD}
        )
    ).json()["data"]
    assert body["language"] == "fr"
    assert "Madame, Monsieur" in body["content"] or "Bonjour" in body["content"]


@pytest.mark.parametrize("path", ["cover-letters", "outreach", "outreach/out_x/regenerate"])
async def test_free_plan_cannot_generate_or_regenerate(client, app, make_org, path):
    free = await make_org("Free Co", Plan.FREE)
    rid = await ready_resume_via_service(app, free.org_id)
    response = await client.post(
        base(rid, path), headers=free.headers, json={"job_description": JD}
    )
    assert response.status_code == 403 and response.json()["error"] == "PLAN_REQUIRED"


async def test_starter_plan_writes_english_only(client, make_org):
    starter = await make_org("Starter Co", Plan.STARTER)
    rid = await ready_resume(client, starter)
    english = await client.post(
        base(rid, "outreach"), headers=starter.headers, json={"job_description": JD}
    )
    assert english.status_code == 201
    spanish = await client.post(
        base(rid, "outreach"),
        headers=starter.headers,
        json={"job_description": JD, "output_language": "es"},
    )
    assert spanish.status_code == 403 and spanish.json()["error"] == "PLAN_REQUIRED"


async def test_deleting_the_resume_deletes_its_letters(client, app, org):
    rid = await ready_resume(client, org)
    keep = await ready_resume(client, org)
    for resume in (rid, keep):
        for path, _, _ in KINDS:
            await client.post(base(resume, path), headers=org.headers, json={"job_description": JD})
    assert await letter_count(app) == 4
    assert (await client.delete(f"/api/v1/resumes/{rid}", headers=org.headers)).status_code == 200
    async with app.state.db.sessions() as session:
        left = set(await session.scalars(select(Letter.resume_id)))
    assert left == {keep}


async def test_unknown_fields_are_rejected(client, org):
    rid = await ready_resume(client, org)
    response = await client.post(
        base(rid, "cover-letters"),
        headers=org.headers,
        json={"job_description": JD, "tone": "bold"},
    )
    assert response.status_code == 400 and response.json()["error"] == "VALIDATION_ERROR"
