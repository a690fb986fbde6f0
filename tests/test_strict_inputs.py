"""Booleans are strict and the Bearer scheme is case-insensitive (audit #11, finding 12 b/e)."""

import pytest
from tests.conftest import ADMIN_TOKEN
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf
from tests.tailoring.test_endpoints import ready_resume, tailor

RESUMES = "/api/v1/resumes"
CONFIG = "/api/v1/llm-config"
NOT_BOOLEANS = [0, 1, "true", "false", "yes", None]


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "bEaReR"])
async def test_bearer_scheme_is_case_insensitive(client, org, scheme):
    response = await client.get(RESUMES, headers={"Authorization": f"{scheme} {org.key}"})
    assert response.status_code == 200, response.text


async def test_admin_token_scheme_is_case_insensitive(client):
    headers = {"Authorization": f"bearer {ADMIN_TOKEN}"}
    assert (await client.get("/api/v1/admin/orgs", headers=headers)).status_code == 200


@pytest.mark.parametrize("value", NOT_BOOLEANS)
async def test_generate_pdf_must_be_a_json_boolean(client, app, org, value):
    resume_id = await ready_resume(client, app, org)
    response = await tailor(client, org, resume_id, generate_pdf=value)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert "generate_pdf" in response.json()["detail"]


@pytest.mark.parametrize("field", ["enable_cover_letter", "enable_outreach_message"])
@pytest.mark.parametrize("value", [0, 1, "true", "on"])
async def test_llm_config_booleans_are_strict_and_nothing_changes(client, org, field, value):
    response = await client.put(CONFIG, headers=org.headers, json={field: value})
    assert response.status_code == 400, response.text
    assert field in response.json()["detail"]
    assert (await client.get(CONFIG, headers=org.headers)).json()["data"][field] is False


@pytest.mark.parametrize("value", ["true", "True", "TRUE"])
async def test_set_as_master_accepts_true_in_any_case(client, org, value):
    await upload(client, org, sample_pdf())
    second = (await upload(client, org, sample_pdf(), set_as_master=value)).json()["data"]
    assert second["is_master"] is True


async def test_set_as_master_false_keeps_the_master(client, org):
    first = (await upload(client, org, sample_pdf())).json()["data"]
    second = (await upload(client, org, sample_pdf(), set_as_master="false")).json()["data"]
    assert second["is_master"] is False
    listed = await client.get(RESUMES, headers=org.headers, params={"include_master": "true"})
    masters = [r["resume_id"] for r in listed.json()["data"] if r["is_master"]]
    assert masters == [first["resume_id"]]


@pytest.mark.parametrize("value", ["1", "0", "yes", "on", "maybe"])
async def test_set_as_master_refuses_other_values_and_stores_nothing(client, org, value):
    response = await upload(client, org, sample_pdf(), set_as_master=value)
    assert response.status_code == 400, response.text
    assert "set_as_master" in response.json()["detail"]
    assert (await client.get(RESUMES, headers=org.headers)).json()["meta"]["total"] == 0
