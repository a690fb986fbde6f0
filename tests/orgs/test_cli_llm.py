"""`refleum secrets rotate` and `refleum llm check`."""

from __future__ import annotations

import asyncio

import pytest
from cryptography.fernet import InvalidToken
from tests.fakes import FakeModelServer, replies
from typer.testing import CliRunner

from refleum.cli import app
from refleum.config import get_settings
from refleum.db import Database
from refleum.llm import service as llm_service
from refleum.llm.models import LLMConfig
from refleum.llm.schemas import LLMConfigUpdate
from refleum.llm.secrets import SecretBox
from refleum.orgs.plans import Plan

PROVIDER_KEY = "sk-proj-rotate-me-0123456789"


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLEUM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REFLEUM_LLM_ALLOW_PRIVATE_BASE", "true")
    monkeypatch.delenv("REFLEUM_DATABASE_URL", raising=False)
    monkeypatch.delenv("REFLEUM_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def configure(org_id: str, data_dir, **update) -> None:
    async def go() -> None:
        db = Database(get_settings().effective_database_url)
        async with db.sessions() as session:
            await llm_service.update_config(
                session,
                org_id,
                LLMConfigUpdate(**update),
                secrets=SecretBox.load(None, data_dir),
                allow_private_base=True,
            )
            await session.commit()
        await db.dispose()

    asyncio.run(go())


def stored_token(org_id: str) -> str:
    async def go() -> str:
        db = Database(get_settings().effective_database_url)
        async with db.sessions() as session:
            token = (await session.get(LLMConfig, org_id)).api_key_encrypted
        await db.dispose()
        return token

    return asyncio.run(go())


def make_org() -> str:
    import json

    return json.loads(run("orgs", "create", "Acme", "--plan", Plan.PRO, "--json").stdout)["org_id"]


def test_rotate_reencrypts_every_key_under_a_new_secret(env):
    org_id = make_org()
    configure(org_id, env, provider="openai", model="gpt-4o", api_key=PROVIDER_KEY)
    old_box = SecretBox.load(None, env)
    result = run("secrets", "rotate")
    assert result.exit_code == 0, result.output
    assert "re-encrypted 1" in result.output
    token = stored_token(org_id)
    assert SecretBox.load(None, env).decrypt(token) == PROVIDER_KEY
    with pytest.raises(InvalidToken):
        from cryptography.fernet import Fernet

        Fernet(old_box.primary_key.encode()).decrypt(token.encode())


def test_llm_check_reports_latency_and_tokens_or_the_exact_error(env):
    org_id = make_org()
    assert "local" in run("llm", "check", "--org", org_id).output
    with FakeModelServer() as server:
        configure(org_id, env, provider="openai-compatible", model="tiny", api_base=server.base_url)
        server.enqueue(replies.json_answer({"ok": True}, input_tokens=11, output_tokens=3))
        ok = run("llm", "check", "--org", org_id)
        assert ok.exit_code == 0, ok.output
        assert "openai-compatible" in ok.output and "in 11 out 3" in ok.output
        server.enqueue(replies.http_error(500, "model exploded"))
        failed = run("llm", "check", "--org", org_id)
    assert failed.exit_code == 1
    assert "error" in failed.output
