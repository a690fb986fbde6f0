"""`refleum users create` and the development owner `refleum serve` creates on first start."""

from __future__ import annotations

import asyncio
import json
import logging
import re

import httpx
import pytest
from typer.testing import CliRunner

from refleum import cli
from refleum.app import create_app
from refleum.config import get_settings

LINK = re.compile(r"http://[^\s]+/signin/link/([A-Za-z0-9_-]{40,})")


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLEUM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REFLEUM_DATABASE_URL", raising=False)
    monkeypatch.delenv("REFLEUM_PUBLIC_BASE_URL", raising=False)
    get_settings.cache_clear()
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    yield monkeypatch
    get_settings.cache_clear()


def run(*args: str, code: int = 0):
    result = CliRunner().invoke(cli.app, list(args))
    assert result.exit_code == code, result.output
    return result


async def _open(path: str) -> httpx.Response:
    app = create_app(get_settings(), run_jobs=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            return await http.get(path)


def test_users_create_prints_a_working_one_time_link(env):
    org = json.loads(run("orgs", "create", "Initech", "--json").stdout)["org_id"]
    out = json.loads(
        run(
            "users",
            "create",
            "--org",
            org,
            "--email",
            "Peter@Initech.example",
            "--role",
            "owner",
            "--json",
        ).stdout
    )
    assert out["email"] == "peter@initech.example" and out["role"] == "owner"
    assert out["org_id"] == org and out["member_id"].startswith("mem_")
    assert out["expires_in_hours"] == 24
    token = LINK.fullmatch(out["sign_in_link"]).group(1)
    page = asyncio.run(_open(f"/signin/link/{token}"))
    assert page.status_code == 200 and "peter@initech.example" in page.text

    human = run("users", "create", "--org", org, "--email", "milton@initech.example").stdout
    assert "role=member" in human and "expires in 24 hours" in human and LINK.search(human)


def test_the_link_uses_the_public_base_url(env):
    env.setenv("REFLEUM_PUBLIC_BASE_URL", "https://refleum.example.com")
    get_settings.cache_clear()
    org = json.loads(run("orgs", "create", "Initech", "--json").stdout)["org_id"]
    out = json.loads(
        run("users", "create", "--org", org, "--email", "a@b.example", "--json").stdout
    )
    assert out["sign_in_link"].startswith("https://refleum.example.com/signin/link/")


@pytest.mark.parametrize(
    "args,message",
    [
        (["--org", "org_missing", "--email", "a@b.example"], "not found"),
        (["--email", "not-an-email"], "valid email"),
        (["--email", "taken@b.example"], "already has an account"),
    ],
    ids=["unknown-org", "bad-email", "taken"],
)
def test_users_create_errors_are_clean(env, args, message):
    org = json.loads(run("orgs", "create", "Initech", "--json").stdout)["org_id"]
    run("users", "create", "--org", org, "--email", "taken@b.example")
    result = run("users", "create", *(["--org", org] if "--org" not in args else []), *args, code=1)
    assert message in result.output.lower() and "Traceback" not in result.output


def test_an_unknown_role_is_refused(env):
    run("users", "create", "--org", "org_x", "--email", "a@b.example", "--role", "admin", code=2)


def test_first_serve_prints_the_owner_link_beside_the_key_never_in_logs(env, caplog):
    env.setenv("REFLEUM_LOG_LEVEL", "DEBUG")
    env.setenv("REFLEUM_DEV_OWNER_EMAIL", "Me@Dev.example")
    get_settings.cache_clear()
    with caplog.at_level(logging.DEBUG):
        first = run("serve", "--port", "8123")
    assert re.search(r"sk_live_[0-9A-Za-z]{32,}", first.stdout)
    assert "me@dev.example" in first.stdout
    link = LINK.search(first.stdout)
    assert link and link.group(0).startswith("http://127.0.0.1:8123/signin/link/")
    assert caplog.records
    for record in caplog.records:
        assert link.group(1) not in record.getMessage(), record.name
        assert link.group(1) not in str(record.args), record.name
    page = asyncio.run(_open(f"/signin/link/{link.group(1)}"))
    assert page.status_code == 200 and "me@dev.example" in page.text
    again = run("serve")
    assert not LINK.search(again.stdout) and "sk_live_" not in again.stdout


def test_the_default_dev_owner_email_is_valid(env):
    from refleum.orgs.members import normalize_email

    assert normalize_email(get_settings().dev_owner_email) == "owner@refleum.localhost"
