"""Parsing through an organization's model: grounded, and FAILED (retryable) when it fails."""

from __future__ import annotations

import pytest
from tests.fakes import FakeModelServer, replies
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

MODEL_ANSWER = {
    "personalInfo": {
        "name": "Ana Souza",
        "title": "Data Analyst",
        "email": "ana.souza@example.com",
        "phone": "",
        "location": "Lisbon, Portugal",
    },
    "summary": "Award-winning analyst trusted by Fortune 500 boards.",  # invented
    "workExperience": [
        {
            "id": 1,
            "title": "Data Analyst",
            "company": "Northwind Traders",
            "years": "",
            "description": [
                "Built weekly revenue dashboards in Tableau used by 40 managers",
                "Led a team of 12 data scientists",
            ],
        }
    ],  # second bullet invented
    "additional": {"technicalSkills": ["SQL", "Python", "Kubernetes"]},
}


@pytest.fixture
def model_server():
    with FakeModelServer() as server:
        yield server


async def configure_model(client, app, org, server):
    app.state.settings.llm_allow_private_base = True
    response = await client.put(
        "/api/v1/llm-config",
        headers=org.headers,
        json={"provider": "openai-compatible", "model": "tiny", "api_base": server.base_url},
    )
    assert response.status_code == 200, response.text


async def fetch(client, org, resume_id):
    return (await client.get(f"/api/v1/resumes/{resume_id}", headers=org.headers)).json()["data"]


async def test_model_parse_is_grounded_and_lost_dates_are_restored(client, app, org, model_server):
    await configure_model(client, app, org, model_server)
    model_server.enqueue(replies.json_answer(MODEL_ANSWER))
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    data = await fetch(client, org, resume_id)
    assert data["status"] == "READY", data["warnings"]
    text = str(data["structured_data"])
    for invented in ("Fortune 500", "team of 12", "Kubernetes"):
        assert invented not in text
    assert data["structured_data"]["workExperience"][0]["years"] == "Jan 2021 – Present"
    assert data["warnings"]  # every dropped value is reported
    assert model_server.call_count >= 1


async def test_provider_failure_leaves_failed_and_retry_works_once_it_is_back(
    client, app, org, model_server
):
    await configure_model(client, app, org, model_server)
    # An empty script: the fake answers every call with HTTP 500.
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    failed = await fetch(client, org, resume_id)
    assert failed["status"] == "FAILED"
    assert "Model provider failed" in failed["warnings"][0]

    model_server.enqueue(replies.json_answer(MODEL_ANSWER))
    await client.post(f"/api/v1/resumes/{resume_id}/retry", headers=org.headers)
    await app.state.jobs.drain()
    assert (await fetch(client, org, resume_id))["status"] == "READY"


async def test_model_parse_is_recorded_as_usage(client, app, org, model_server):
    from sqlalchemy import select

    from refleum.llm.models import LLMCall

    await configure_model(client, app, org, model_server)
    model_server.enqueue(replies.json_answer(MODEL_ANSWER, input_tokens=500, output_tokens=90))
    await upload(client, org, sample_pdf())
    await app.state.jobs.drain()
    usage = (await client.get("/api/v1/usage", headers=org.headers)).json()["data"]
    assert (usage["llm_calls"], usage["input_tokens"], usage["output_tokens"]) == (1, 500, 90)
    async with app.state.db.sessions() as session:
        calls = list(await session.scalars(select(LLMCall)))
    assert [(c.purpose, c.provider, c.model) for c in calls] == [
        ("parse", "openai-compatible", "tiny")
    ]
