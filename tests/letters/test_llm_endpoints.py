"""Letters through a real OpenAI-compatible HTTP server (tests/fakes), end to end."""

import pytest
from sqlalchemy import select
from tests.conftest import ADMIN_TOKEN
from tests.fakes import FakeModelServer, replies
from tests.letters.samples import JD, ready_resume
from tests.letters.test_llm_engine import FABRICATIONS, GOOD_LETTER

from refleum.config import Settings
from refleum.llm.models import LLMCall

TIMEOUT_S = 1.5


@pytest.fixture
def settings(db_url, tmp_path) -> Settings:
    return Settings(
        database_url=db_url,
        data_dir=tmp_path,
        admin_token=ADMIN_TOKEN,
        llm_allow_private_base=True,
        tailor_timeout_s=TIMEOUT_S,
    )


@pytest.fixture
def server():
    with FakeModelServer() as fake:
        yield fake


async def use_fake_model(client, org, server) -> None:
    response = await client.put(
        "/api/v1/llm-config",
        headers=org.headers,
        json={
            "provider": "openai-compatible",
            "model": "fake-model",
            "api_base": server.base_url,
        },
    )
    assert response.status_code == 200, response.text


def cover_letters(rid: str) -> str:
    return f"/api/v1/resumes/{rid}/cover-letters"


async def test_one_call_per_letter_and_usage_is_recorded(client, app, org, server):
    await use_fake_model(client, org, server)
    rid = await ready_resume(client, org)
    server.enqueue(
        replies.json_answer({"content": GOOD_LETTER}, input_tokens=900, output_tokens=250)
    )
    response = await client.post(
        cover_letters(rid), headers=org.headers, json={"job_description": JD}
    )
    assert response.status_code == 201, response.text
    assert response.json()["data"]["content"] == GOOD_LETTER
    assert server.call_count == 1
    assert "Northwind Traders" in server.requests[0].text
    async with app.state.db.sessions() as session:
        calls = list(await session.scalars(select(LLMCall)))
    assert [(c.purpose, c.calls, c.input_tokens, c.output_tokens) for c in calls] == [
        ("cover_letter", 1, 900, 250)
    ]


async def test_fabrications_from_the_server_are_removed_and_reported(client, org, server):
    await use_fake_model(client, org, server)
    rid = await ready_resume(client, org)
    hostile = GOOD_LETTER.replace("Thank you", " ".join(FABRICATIONS) + " Thank you")
    server.enqueue(replies.tool_call({"content": hostile}))
    body = (
        await client.post(cover_letters(rid), headers=org.headers, json={"job_description": JD})
    ).json()["data"]
    assert "Google" not in body["content"] and "Kafka" not in body["content"]
    assert body["warnings"][0].startswith("Removed 3 sentence(s)")


async def test_outreach_through_the_server(client, org, server):
    await use_fake_model(client, org, server)
    rid = await ready_resume(client, org)
    server.enqueue(
        replies.json_answer(
            {
                "message": "Hi! I saw Globex is hiring a Senior Data Analyst. "
                "At Northwind Traders I automated SQL reporting, cutting manual work by 35%. "
                "Open to a short chat?"
                "\n\nAna Souza",
                "connection_note": (
                    "Hi, I'm a Data Analyst at Northwind Traders. Would be glad to connect."
                ),
            }
        )
    )
    response = await client.post(
        f"/api/v1/resumes/{rid}/outreach",
        headers=org.headers,
        json={"job_description": JD, "output_language": "ja"},
    )
    assert response.status_code == 201, response.text
    body = response.json()["data"]
    assert body["language"] == "ja"  # any language under a model provider
    assert body["connection_note"].startswith("Hi, I'm a Data Analyst")
    assert body["warnings"] == []


async def test_broken_json_is_a_502_envelope_and_stores_nothing(client, org, server):
    await use_fake_model(client, org, server)
    rid = await ready_resume(client, org)
    server.enqueue(*[replies.text_answer("{not json")] * 3)
    response = await client.post(
        cover_letters(rid), headers=org.headers, json={"job_description": JD}
    )
    assert response.status_code == 502
    assert response.json()["error"] == "LLM_PROVIDER_ERROR"
    assert "fake-model" in response.json()["detail"]
    listed = (await client.get(cover_letters(rid), headers=org.headers)).json()
    assert listed["meta"]["total"] == 0


async def test_a_timeout_is_a_504(client, org, server):
    await use_fake_model(client, org, server)
    rid = await ready_resume(client, org)
    server.enqueue(replies.hang(TIMEOUT_S + 2))
    response = await client.post(
        cover_letters(rid), headers=org.headers, json={"job_description": JD}
    )
    assert response.status_code == 504
    assert response.json()["error"] == "TIMEOUT"


async def test_a_failing_regenerate_keeps_the_stored_letter(client, org, server):
    await use_fake_model(client, org, server)
    rid = await ready_resume(client, org)
    server.enqueue(replies.json_answer({"content": GOOD_LETTER}))
    first = (
        await client.post(cover_letters(rid), headers=org.headers, json={"job_description": JD})
    ).json()["data"]
    server.enqueue(replies.http_error(401, "Incorrect API key", error_type="invalid_api_key"))
    failed = await client.post(
        f"{cover_letters(rid)}/{first['cover_letter_id']}/regenerate", headers=org.headers
    )
    assert failed.status_code == 502 and failed.json()["error"] == "LLM_PROVIDER_ERROR"
    stored = await client.get(
        f"{cover_letters(rid)}/{first['cover_letter_id']}", headers=org.headers
    )
    assert stored.json()["data"] == first


async def test_letter_calls_reach_get_usage(client, org, server):
    await use_fake_model(client, org, server)
    rid = await ready_resume(client, org)
    server.enqueue(
        replies.json_answer({"content": GOOD_LETTER}, input_tokens=900, output_tokens=250),
        replies.json_answer({"content": GOOD_LETTER}, input_tokens=800, output_tokens=200),
    )
    created = await client.post(
        cover_letters(rid), headers=org.headers, json={"job_description": JD}
    )
    assert created.status_code == 201, created.text
    again = await client.post(
        f"{cover_letters(rid)}/{created.json()['data']['cover_letter_id']}/regenerate",
        headers=org.headers,
    )
    assert again.status_code == 200, again.text
    usage = (await client.get("/api/v1/usage", headers=org.headers)).json()["data"]
    assert (usage["llm_calls"], usage["input_tokens"], usage["output_tokens"]) == (2, 1700, 450)
