"""GET/POST /dashboard/keys: list, create (shown once), revoke (owners), temporary key."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from refleum.db import utcnow
from refleum.orgs.members import Role
from refleum.orgs.models import ApiKey


async def _keys(app, org_id: str) -> list[ApiKey]:
    async with app.state.db.sessions() as session:
        rows = await session.scalars(
            select(ApiKey).where(ApiKey.org_id == org_id).order_by(ApiKey.created_at)
        )
        return list(rows)


def _new_key(page: str) -> str:
    match = re.search(r'<code id="new-key" class="secret">([^<]+)</code>', page)
    assert match, page
    return match.group(1)


async def test_the_list_shows_prefix_name_dates_and_status(app, browser_for, org):
    browser = await browser_for(org.org_id, Role.MEMBER)
    await browser.http.get("/api/v1/usage", headers=org.headers)  # last used: now
    page = await browser.http.get("/dashboard/keys")
    assert page.status_code == 200
    key = (await _keys(app, org.org_id))[0]
    assert f"{key.display_prefix}…" in page.text
    assert org.key not in page.text  # the secret is never listed
    assert "never" not in page.text.split('id="keys"')[1].split("</table>")[0]
    assert '<span class="badge ok">active</span>' in page.text


async def test_an_owner_creates_a_key_shown_once(app, browser_for, org):
    browser = await browser_for(org.org_id)
    page = await browser.http.get("/dashboard/keys")
    assert 'for="key-name">Key name</label>' in page.text and 'id="key-name"' in page.text
    created = await browser.post_form("/dashboard/keys", {"name": "  CI pipeline  "})
    assert created.status_code == 201
    secret = _new_key(created.text)
    assert 'id="copy-key"' in created.text and "/static/copy.js" in created.text
    assert "will not be shown again" in created.text
    assert created.headers["cache-control"] == "no-store"
    check = await browser.http.get("/api/v1/usage", headers={"Authorization": f"Bearer {secret}"})
    assert check.status_code == 200
    listed = await browser.http.get("/dashboard/keys")
    assert "CI pipeline" in listed.text and secret not in listed.text
    names = [k.name for k in await _keys(app, org.org_id)]
    assert "CI pipeline" in names


@pytest.mark.parametrize(
    "name,message",
    [("", "Give the key a name"), ("   ", "Give the key a name"), ("x" * 101, "at most 100")],
    ids=["empty", "blank", "too-long"],
)
async def test_a_bad_key_name_is_refused_with_a_clear_message(app, browser_for, org, name, message):
    browser = await browser_for(org.org_id)
    response = await browser.post_form("/dashboard/keys", {"name": name})
    assert response.status_code == 400
    assert message in response.text and 'aria-invalid="true"' in response.text
    assert 'id="new-key"' not in response.text
    assert len(await _keys(app, org.org_id)) == 1


async def test_a_name_of_100_characters_is_fine(app, browser_for, org):
    browser = await browser_for(org.org_id)
    assert (await browser.post_form("/dashboard/keys", {"name": "x" * 100})).status_code == 201


async def test_members_see_no_controls_and_their_writes_are_403(app, browser_for, org):
    browser = await browser_for(org.org_id, Role.MEMBER)
    page = await browser.http.get("/dashboard/keys")
    assert 'id="key-name"' not in page.text and "Create key" not in page.text
    assert "/revoke" not in page.text
    assert 'id="temporary-key"' in page.text
    assert (await browser.post_form("/dashboard/keys", {"name": "x"})).status_code == 403
    key_id = org.key_id
    assert (await browser.http.get(f"/dashboard/keys/{key_id}/revoke")).status_code == 403
    assert (await browser.post_form(f"/dashboard/keys/{key_id}/revoke")).status_code == 403
    keys = await _keys(app, org.org_id)
    assert len(keys) == 1 and keys[0].revoked_at is None


async def test_an_owner_revokes_a_key_after_confirming(app, browser_for, org):
    browser = await browser_for(org.org_id)
    page = await browser.http.get("/dashboard/keys")
    assert f'href="/dashboard/keys/{org.key_id}/revoke"' in page.text
    confirm = await browser.http.get(f"/dashboard/keys/{org.key_id}/revoke")
    assert confirm.status_code == 200 and ">Revoke key</button>" in confirm.text
    done = await browser.post_form(f"/dashboard/keys/{org.key_id}/revoke")
    assert done.status_code == 303 and done.headers["location"] == "/dashboard/keys"
    assert (await browser.http.get("/api/v1/usage", headers=org.headers)).status_code == 401
    listed = await browser.http.get("/dashboard/keys")
    assert 'badge danger">revoked' in listed.text
    assert f'href="/dashboard/keys/{org.key_id}/revoke"' not in listed.text


async def test_revoking_needs_the_csrf_token(app, browser_for, org):
    browser = await browser_for(org.org_id)
    response = await browser.http.post(f"/dashboard/keys/{org.key_id}/revoke", data={})
    assert response.status_code == 403
    assert (await _keys(app, org.org_id))[0].revoked_at is None


async def test_an_unknown_key_is_a_404_page(browser_for, org):
    browser = await browser_for(org.org_id)
    assert (await browser.http.get("/dashboard/keys/key_nope/revoke")).status_code == 404
    response = await browser.post_form("/dashboard/keys/key_nope/revoke")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]


@pytest.mark.parametrize("role", [Role.OWNER, Role.MEMBER])
async def test_a_temporary_key_is_handed_to_the_playground(app, browser_for, org, role):
    browser = await browser_for(org.org_id, role)
    response = await browser.post_form("/dashboard/keys/temporary")
    assert response.status_code == 201
    secret = re.search(r'<div id="handoff" data-key="([^"]+)">', response.text).group(1)
    assert _new_key(response.text) == secret
    assert "/static/handoff.js" in response.text and 'href="/playground"' in response.text
    temporary = [k for k in await _keys(app, org.org_id) if k.expires_at is not None]
    assert len(temporary) == 1 and temporary[0].name == "Playground (temporary)"
    left = temporary[0].expires_at - utcnow()
    assert timedelta(minutes=59) < left <= timedelta(hours=1)
    headers = {"Authorization": f"Bearer {secret}"}
    assert (await browser.http.get("/api/v1/usage", headers=headers)).status_code == 200
    listed = await browser.http.get("/dashboard/keys")
    assert "temporary · expires" in listed.text


async def test_an_expired_temporary_key_is_listed_as_expired(app, browser_for, org):
    browser = await browser_for(org.org_id)
    await browser.post_form("/dashboard/keys/temporary")
    async with app.state.db.sessions() as session:
        key = await session.scalar(select(ApiKey).where(ApiKey.expires_at.is_not(None)))
        key.expires_at = utcnow() - timedelta(minutes=1)
        await session.commit()
    listed = await browser.http.get("/dashboard/keys")
    assert '<span class="badge">expired' in listed.text


def test_the_static_scripts_do_what_the_pages_expect():
    from refleum.web.templating import WEB_DIR

    handoff = (WEB_DIR / "static" / "handoff.js").read_text()
    assert 'sessionStorage.setItem("refleum.apiKey", key)' in handoff
    assert 'location.replace("/playground")' in handoff
    copy = (WEB_DIR / "static" / "copy.js").read_text()
    assert "navigator.clipboard" in copy and "addRange" in copy
