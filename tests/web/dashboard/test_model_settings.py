"""GET /dashboard/model: read by members, changed by owners through the API's validation,
"Test connection" is the `refleum llm check` call."""

from __future__ import annotations

import pytest
from tests.fakes import replies

from refleum.llm.models import LLMConfig
from refleum.orgs.members import Role

PROVIDER_KEY = "sk-test-0123456789abcdefwxyz"
FORM = {
    "provider": "openai",
    "model": "gpt-4o",
    "api_base": "",
    "api_key": PROVIDER_KEY,
    "reasoning_effort": "low",
    "content_language": "pt-br",
    "default_prompt_id": "keywords",
    "enable_cover_letter": "1",
}


async def _stored(app, org_id: str) -> LLMConfig | None:
    async with app.state.db.sessions() as session:
        return await session.get(LLMConfig, org_id)


async def test_an_owner_saves_and_the_key_is_never_echoed(app, browser_for, org):
    browser = await browser_for(org.org_id)
    saved = await browser.post_form("/dashboard/model", FORM)
    assert saved.status_code == 303 and saved.headers["location"] == "/dashboard/model?saved=true"
    page = await browser.http.get(saved.headers["location"])
    assert 'id="saved"' in page.text
    assert PROVIDER_KEY not in page.text
    assert 'id="api-key-mask">sk-…wxyz<' in page.text
    assert (
        'type="password" id="api-key" name="api_key" maxlength="500" autocomplete="off" value=""'
        in page.text
    )
    assert '<option value="openai" selected>' in page.text
    assert 'value="pt-BR"' in page.text
    assert 'id="enable-cover-letter" name="enable_cover_letter" value="1" checked' in page.text
    api = (await browser.http.get("/api/v1/llm-config", headers=org.headers)).json()["data"]
    assert api | {"updated_at": None} == {
        "provider": "openai",
        "model": "gpt-4o",
        "api_key": "sk-…wxyz",
        "api_base": None,
        "reasoning_effort": "low",
        "enable_cover_letter": True,
        "enable_outreach_message": False,
        "content_language": "pt-BR",
        "default_prompt_id": "keywords",
        "updated_at": None,
    }


async def test_an_empty_key_field_keeps_the_stored_key_and_removal_clears_it(app, browser_for, org):
    browser = await browser_for(org.org_id)
    await browser.post_form("/dashboard/model", FORM)
    token = (await _stored(app, org.org_id)).api_key_encrypted
    kept = await browser.post_form("/dashboard/model", FORM | {"api_key": "", "model": "gpt-5"})
    assert kept.status_code == 303
    stored = await _stored(app, org.org_id)
    assert stored.api_key_encrypted == token and stored.model == "gpt-5"
    local = FORM | {"provider": "local", "api_key": "", "remove_api_key": "1"}
    assert (await browser.post_form("/dashboard/model", local)).status_code == 303
    assert (await _stored(app, org.org_id)).api_key_encrypted is None


@pytest.mark.parametrize(
    "change,message",
    [
        ({"api_key": ""}, "api_key: required for provider"),
        ({"model": ""}, "model: required for provider"),
        ({"provider": "openai-compatible", "api_base": ""}, "api_base: required"),
        ({"provider": "openai-compatible", "api_base": "http://10.0.0.8/v1"}, "api_base"),
        ({"provider": "gemini"}, "provider"),
        ({"content_language": "not a language!"}, "content_language"),
        ({"reasoning_effort": "extreme"}, "reasoning_effort"),
    ],
)
async def test_a_refused_change_shows_why_and_saves_nothing(app, browser_for, org, change, message):
    browser = await browser_for(org.org_id)
    response = await browser.post_form("/dashboard/model", FORM | change)
    assert response.status_code == 400, response.text
    assert "Nothing was saved" in response.text and message in response.text
    assert PROVIDER_KEY not in response.text
    assert await _stored(app, org.org_id) is None


async def test_a_refused_change_keeps_the_stored_configuration(app, browser_for, org):
    browser = await browser_for(org.org_id)
    await browser.post_form("/dashboard/model", FORM)
    response = await browser.post_form(
        "/dashboard/model", FORM | {"api_key": "sk-other-key-0000000000009999", "model": ""}
    )
    assert response.status_code == 400
    assert "sk-…9999" not in response.text and "sk-…wxyz" in response.text
    stored = await _stored(app, org.org_id)
    assert stored.model == "gpt-4o"
    assert app.state.secrets.decrypt(stored.api_key_encrypted) == PROVIDER_KEY


async def test_members_read_but_cannot_change_or_test(app, browser_for, org):
    browser = await browser_for(org.org_id, Role.MEMBER)
    page = await browser.http.get("/dashboard/model")
    assert page.status_code == 200
    assert "<fieldset disabled>" in page.text and 'id="save-model"' not in page.text
    assert 'id="test-connection"' not in page.text
    assert (await browser.post_form("/dashboard/model", FORM)).status_code == 403
    assert (await browser.post_form("/dashboard/model/test")).status_code == 403
    assert await _stored(app, org.org_id) is None


async def test_saving_needs_the_csrf_token(app, browser_for, org):
    browser = await browser_for(org.org_id)
    assert (await browser.http.post("/dashboard/model", data=FORM)).status_code == 403
    assert await _stored(app, org.org_id) is None


async def test_test_connection_with_the_local_engine(browser_for, org):
    browser = await browser_for(org.org_id)
    page = await browser.post_form("/dashboard/model/test")
    assert page.status_code == 200
    assert 'id="check-result">OK: Provider local' in page.text


async def test_test_connection_against_a_model_server(app, browser_for, org, fake_model_server):
    app.state.settings.llm_allow_private_base = True
    browser = await browser_for(org.org_id)
    form = FORM | {
        "provider": "openai-compatible",
        "model": "tiny",
        "api_base": fake_model_server.base_url,
    }
    assert (await browser.post_form("/dashboard/model", form)).status_code == 303
    fake_model_server.enqueue(replies.json_answer({"ok": True}, input_tokens=11, output_tokens=3))
    ok = await browser.post_form("/dashboard/model/test")
    assert 'class="notice ok"' in ok.text
    assert (
        "openai-compatible model tiny answered in" in ok.text and "11 tokens in, 3 out" in ok.text
    )
    fake_model_server.enqueue(replies.http_error(500, "model exploded"))
    failed = await browser.post_form("/dashboard/model/test")
    assert failed.status_code == 200
    assert 'class="notice error"' in failed.text and "Failed: " in failed.text
    assert "answered HTTP 500: model exploded" in failed.text  # the exact error, as the CLI
    assert fake_model_server.call_count == 2
