"""tailoring/service.py through its endpoint with a model as the engine: what the JD
keyword cache saves, what usage records, and what the response says about refusals."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from tests.fakes import FakeModelServer, replies
from tests.tailoring.test_endpoints import (
    KEYWORDS_ANSWER,
    ready_resume,
    tailor,
    use_model,
)

from refleum.llm.models import LLMCall
from refleum.tailoring.llm_engine import KEYWORDS_FALLBACK

NO_EDITS = {"edits": []}
# The one answer of an uncached tailor: the JD's keywords and the edits together.
KEYWORDS_NO_EDITS = {"job": KEYWORDS_ANSWER, "edits": []}


@pytest.fixture
def model_server():
    with FakeModelServer() as server:
        yield server


async def test_the_same_jd_again_reuses_the_cached_keywords(client, app, org, model_server):
    source_id = await ready_resume(client, app, org)
    await use_model(client, app, org, model_server)
    model_server.enqueue(replies.json_answer(KEYWORDS_NO_EDITS))
    first = await tailor(client, org, source_id)
    assert first.status_code == 201, first.text
    assert model_server.call_count == 1  # keywords and edits in one call
    assert '"job"' in json.dumps(model_server.requests[0].body)  # asked for the keywords
    model_server.enqueue(replies.json_answer(NO_EDITS))
    second = await tailor(client, org, source_id)
    assert second.status_code == 201, second.text
    assert model_server.call_count == 2  # edits only: the keywords came from the cache
    assert '"job"' not in json.dumps(model_server.requests[1].body)
    assert first.json()["data"]["usage"]["llm_calls"] == 1
    assert second.json()["data"]["job_keywords"] == first.json()["data"]["job_keywords"]
    assert second.json()["data"]["usage"]["llm_calls"] == 1


async def test_fallback_keywords_are_not_cached_so_a_repeat_still_warns(
    client, app, org, model_server
):
    source_id = await ready_resume(client, app, org)
    await use_model(client, app, org, model_server)
    invented = {"required_skills": ["Kubernetes", "Rust"], "keywords": ["blockchain"]}
    for _ in range(2):
        model_server.enqueue(replies.json_answer({"job": invented, "edits": []}))
        response = await tailor(client, org, source_id)
        assert response.status_code == 201, response.text
        assert KEYWORDS_FALLBACK in response.json()["data"]["warnings"]
    assert model_server.call_count == 2  # asked for keywords both times, one call each
    assert all('"job"' in json.dumps(r.body) for r in model_server.requests)


async def test_tailor_calls_are_recorded_as_usage(client, app, org, model_server):
    source_id = await ready_resume(client, app, org)
    await use_model(client, app, org, model_server)
    model_server.enqueue(
        replies.json_answer(KEYWORDS_NO_EDITS, input_tokens=1600, output_tokens=100),
        replies.json_answer(NO_EDITS, input_tokens=900, output_tokens=40),
    )
    assert (await tailor(client, org, source_id)).status_code == 201
    assert (await tailor(client, org, source_id)).status_code == 201  # keywords cached
    usage = (await client.get("/api/v1/usage", headers=org.headers)).json()["data"]
    assert (usage["llm_calls"], usage["input_tokens"], usage["output_tokens"]) == (2, 2500, 140)
    async with app.state.db.sessions() as session:
        calls = list(await session.scalars(select(LLMCall)))
    assert [(c.purpose, c.provider, c.model, c.calls) for c in calls] == [
        ("tailor", "openai-compatible", "tiny", 1),
        ("tailor", "openai-compatible", "tiny", 1),
    ]


async def test_letters_written_during_tailoring_are_recorded_too(client, app, org, model_server):
    source_id = await ready_resume(client, app, org)
    await use_model(client, app, org, model_server)
    await client.put("/api/v1/llm-config", headers=org.headers, json={"enable_cover_letter": True})
    letter = "I would bring my SQL and Tableau dashboards work at Northwind Traders to your team."
    model_server.enqueue(
        replies.json_answer(KEYWORDS_NO_EDITS, input_tokens=30, output_tokens=3),
        replies.json_answer({"content": letter}, input_tokens=40, output_tokens=4),
    )
    data = (await tailor(client, org, source_id)).json()["data"]
    assert data["cover_letter"] is not None
    usage = (await client.get("/api/v1/usage", headers=org.headers)).json()["data"]
    assert (usage["llm_calls"], usage["input_tokens"], usage["output_tokens"]) == (2, 70, 7)
    async with app.state.db.sessions() as session:
        calls = list(await session.scalars(select(LLMCall)))
    assert sorted((c.purpose, c.calls) for c in calls) == [("cover_letter", 1), ("tailor", 1)]


async def test_refused_edits_are_reported_without_their_invented_text(
    client, app, org, model_server
):
    source_id = await ready_resume(client, app, org)
    source = (await client.get(f"/api/v1/resumes/{source_id}", headers=org.headers)).json()
    bullet = source["data"]["structured_data"]["workExperience"][0]["description"][0]
    invented = {
        "job": KEYWORDS_ANSWER,
        "edits": [
            {"id": "w1.1", "old": bullet, "new": bullet + " using Kubernetes at Google"},
            {
                "id": "s",
                "old": source["data"]["structured_data"]["summary"],
                "new": "Snowflake expert with a PhD from MIT.",
            },
        ],
    }
    await use_model(client, app, org, model_server)
    model_server.enqueue(replies.json_answer(invented))
    response = await tailor(client, org, source_id)
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert [r["path"] for r in data["rejected"]] == [
        "workExperience[0].description[0]",
        "summary",
    ]
    assert all(r["reason"] for r in data["rejected"])
    for claim in ("Kubernetes", "Google", "Snowflake", "PhD", "MIT"):
        assert claim not in str(data["rejected"])
    assert any("refused all 2 edit(s)" in w for w in data["warnings"])
