"""The dashboard's guards: session cookie only, expiry, CSRF on every write, owner-only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi import APIRouter
from sqlalchemy import select

from refleum.db import utcnow
from refleum.orgs.members import Role
from refleum.web.deps import CurrentMember, CurrentOwner
from refleum.web.models import WebSession
from refleum.web.sessions import COOKIE_NAME

probe = APIRouter()


@probe.get("/probe")
async def read_page(signed_in: CurrentMember) -> dict[str, str]:
    return {"org": signed_in.org.id, "member": signed_in.member.id}


@probe.post("/probe")
async def write_page(signed_in: CurrentMember) -> dict[str, str]:
    return {"org": signed_in.org.id}


@probe.post("/probe/owner")
async def owner_page(signed_in: CurrentOwner) -> dict[str, str]:
    return {"org": signed_in.org.id}


@pytest.fixture
def app_with_probe(app):
    app.include_router(probe)
    return app


async def test_a_page_without_a_session_redirects_to_sign_in(app_with_probe, client):
    response = await client.get("/probe")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/probe"


async def test_an_api_key_never_opens_a_page(app_with_probe, client, org):
    response = await client.get("/probe", headers=org.headers)
    assert response.status_code == 303


async def test_a_session_cookie_never_authenticates_the_api(app_with_probe, browser_for, org):
    browser = await browser_for(org.org_id)
    assert (await browser.http.get("/probe")).status_code == 200
    response = await browser.http.get("/api/v1/resumes")
    assert response.status_code == 401
    assert response.json()["error"] == "MISSING_KEY"


async def test_a_page_sees_its_own_member_and_org(app_with_probe, browser_for, org):
    browser = await browser_for(org.org_id)
    assert (await browser.http.get("/probe")).json() == {
        "org": org.org_id,
        "member": browser.member_id,
    }


async def test_an_unknown_cookie_redirects(app_with_probe, client):
    client.cookies.set(COOKIE_NAME, "not-a-session")
    assert (await client.get("/probe")).status_code == 303


async def _age_session(app, member_id: str, **ago: timedelta) -> None:
    async with app.state.db.sessions() as session:
        row = await session.scalar(select(WebSession).where(WebSession.member_id == member_id))
        for column, delta in ago.items():
            setattr(row, column, utcnow() - delta)
        await session.commit()


@pytest.mark.parametrize(
    "ago",
    [
        {"last_seen_at": timedelta(minutes=121)},
        {"created_at": timedelta(hours=24 * 7 + 1)},
    ],
    ids=["idle", "absolute"],
)
async def test_an_expired_session_redirects(app_with_probe, browser_for, org, ago):
    browser = await browser_for(org.org_id)
    assert (await browser.http.get("/probe")).status_code == 200
    await _age_session(app_with_probe, browser.member_id, **ago)
    assert (await browser.http.get("/probe")).status_code == 303


async def test_only_the_token_hash_is_stored(app_with_probe, browser_for, org):
    browser = await browser_for(org.org_id)
    token = browser.http.cookies[COOKIE_NAME]
    async with app_with_probe.state.db.sessions() as session:
        row = await session.scalar(select(WebSession))
    assert token not in row.token_hash and len(row.token_hash) == 64


@pytest.mark.parametrize(
    "send",
    [
        lambda b: b.http.post("/probe", data={}),
        lambda b: b.http.post("/probe", data={"csrf_token": "forged"}),
        lambda b: b.http.post("/probe", headers={"X-CSRF-Token": "forged"}),
        lambda b: b.http.post("/probe", json={"csrf_token": b.csrf_token}),
    ],
    ids=["form-without-token", "form-wrong-token", "header-wrong-token", "json-body-token"],
)
async def test_a_write_without_its_csrf_token_is_refused(app_with_probe, browser_for, org, send):
    browser = await browser_for(org.org_id)
    response = await send(browser)
    assert response.status_code == 403
    assert "did not come from this site" in response.text


async def test_a_write_with_its_csrf_token_passes(app_with_probe, browser_for, org):
    browser = await browser_for(org.org_id)
    assert (await browser.post_form("/probe")).status_code == 200
    headers = {"X-CSRF-Token": browser.csrf_token}
    assert (await browser.http.post("/probe", headers=headers)).status_code == 200


async def test_another_sessions_csrf_token_is_refused(app_with_probe, browser_for, org):
    mine, theirs = await browser_for(org.org_id), await browser_for(org.org_id)
    response = await mine.http.post("/probe", data={"csrf_token": theirs.csrf_token})
    assert response.status_code == 403


@pytest.mark.parametrize("role,status", [(Role.OWNER, 200), (Role.MEMBER, 403)])
async def test_owner_only_actions(app_with_probe, browser_for, org, role, status):
    browser = await browser_for(org.org_id, role)
    assert (await browser.post_form("/probe/owner")).status_code == status


async def test_pages_send_a_strict_content_security_policy(app_with_probe, browser_for, org):
    browser = await browser_for(org.org_id, Role.MEMBER)
    response = await browser.post_form("/probe/owner")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
