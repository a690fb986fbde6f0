from pathlib import Path

import pytest
from sqlalchemy import text

CONFIG = "/api/v1/llm-config"
PROVIDER_KEY = "sk-proj-SECRETvalue0123456789wxyz"


async def test_defaults_are_the_local_engine(client, org):
    data = (await client.get(CONFIG, headers=org.headers)).json()["data"]
    assert data["provider"] == "local" and data["api_key"] is None
    assert data["content_language"] == "en" and data["default_prompt_id"] == "nudge"
    assert data["enable_cover_letter"] is False and data["enable_outreach_message"] is False


async def test_partial_updates_leave_omitted_fields_alone(client, org):
    await client.put(
        CONFIG, headers=org.headers, json={"enable_cover_letter": True, "reasoning_effort": "high"}
    )
    data = (
        await client.put(CONFIG, headers=org.headers, json={"content_language": "pt_br"})
    ).json()["data"]
    assert data["enable_cover_letter"] is True and data["reasoning_effort"] == "high"
    assert data["content_language"] == "pt-BR"
    cleared = (await client.put(CONFIG, headers=org.headers, json={"reasoning_effort": ""})).json()
    assert cleared["data"]["reasoning_effort"] is None


async def test_provider_key_is_masked_and_never_stored_in_clear(client, app, org, settings):
    response = await client.put(
        CONFIG,
        headers=org.headers,
        json={"provider": "openai", "model": "gpt-4o", "api_key": PROVIDER_KEY},
    )
    assert response.status_code == 200
    assert response.json()["data"]["api_key"] == "sk-…wxyz"
    assert PROVIDER_KEY not in (await client.get(CONFIG, headers=org.headers)).text

    async with app.state.db.engine.connect() as conn:
        rows = (await conn.execute(text("SELECT * FROM llm_configs"))).all()
    assert rows and PROVIDER_KEY not in repr(rows) and "SECRETvalue" not in repr(rows)
    if app.state.db.is_sqlite:
        # The database file itself (what a dump or a stolen disk shows) lacks the key too.
        path = settings.effective_database_url.split("///", 1)[1]
        for suffix in ("", "-wal"):
            file = Path(path + suffix)
            if not file.exists():
                continue
            raw = file.read_bytes()
            assert b"SECRETvalue" not in raw

    removed = (
        await client.put(CONFIG, headers=org.headers, json={"provider": "local", "api_key": None})
    ).json()["data"]
    assert removed["api_key"] is None


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ({"content_language": "klingon"}, "content_language"),
        ({"default_prompt_id": "maximal"}, "default_prompt_id"),
        ({"reasoning_effort": "extreme"}, "reasoning_effort"),
        ({"provider": "cohere"}, "provider"),
        ({"temperature": 0.2}, "temperature"),
        ({"provider": "openai", "model": "gpt-4o"}, "api_key"),
        ({"provider": "openai-compatible", "model": "llama3"}, "api_base"),
        ({"provider": "anthropic", "api_key": "x" * 20}, "model"),
        ({"api_base": "http://127.0.0.1:11434/v1"}, "api_base"),
        ({"api_base": "https://169.254.169.254/latest"}, "api_base"),
        ({"api_base": "https://10.0.0.8/v1"}, "api_base"),
        ({"api_base": "ftp://example.com"}, "api_base"),
    ],
)
async def test_bad_updates_are_refused_and_change_nothing(client, org, body, needle):
    before = (await client.get(CONFIG, headers=org.headers)).json()
    response = await client.put(CONFIG, headers=org.headers, json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert needle in response.json()["detail"]
    assert (await client.get(CONFIG, headers=org.headers)).json() == before


async def test_private_api_base_is_allowed_when_the_operator_says_so(client, app, org):
    app.state.settings.llm_allow_private_base = True
    response = await client.put(
        CONFIG,
        headers=org.headers,
        json={
            "provider": "openai-compatible",
            "model": "llama3",
            "api_base": "http://127.0.0.1:11434/v1",
        },
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["api_base"].startswith("http://127.0.0.1:11434")
