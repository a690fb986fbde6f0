"""One-time sign-in links: stored as hashes, 24 hours, once; the page that sets a password."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import select
from tests.web.auth_helpers import form_token, sign_in

from refleum.config import Settings
from refleum.db import utcnow
from refleum.orgs.members import Role, add_member
from refleum.orgs.models import Member
from refleum.web.models import SignInLink
from refleum.web.passwords import verify
from refleum.web.sessions import COOKIE_NAME, find_session, start_session
from refleum.web.sign_in_links import find_link, issue_link, link_url, use_link

NEW = "a brand new passphrase"
DEAD = "This link is used or expired"


@pytest.fixture
def invite(app, org):
    async def make(email: str = "ann@example.com") -> tuple[str, str]:
        async with app.state.db.sessions() as session:
            member = await add_member(session, org.org_id, email, Role.MEMBER)
            token = await issue_link(session, member)
            await session.commit()
        return member.id, token

    return make


async def _link_row(app, member_id: str) -> SignInLink:
    async with app.state.db.sessions() as session:
        return (
            await session.scalars(select(SignInLink).where(SignInLink.member_id == member_id))
        ).one()


async def _member(app, member_id: str) -> Member:
    async with app.state.db.sessions() as session:
        return await session.get(Member, member_id)


async def _set_password(client, token: str, new: str = NEW, repeat: str | None = None, **extra):
    page = await client.get(f"/signin/link/{token}")
    data = {
        "csrf_token": form_token(page.text),
        "new_password": new,
        "repeat_password": repeat or new,
    }
    return await client.post(f"/signin/link/{token}", data={**data, **extra})


async def test_a_link_is_stored_as_a_hash_for_24_hours(app, invite):
    member_id, token = await invite()
    row = await _link_row(app, member_id)
    assert token not in row.token_hash and len(row.token_hash) == 64
    assert abs((row.expires_at - utcnow()) - timedelta(hours=24)) < timedelta(minutes=1)
    assert row.used_at is None


def test_the_link_url_uses_the_public_base_or_host_and_port():
    assert link_url(Settings(host="0.0.0.0", port=9000), "t") == "http://0.0.0.0:9000/signin/link/t"
    public = Settings(public_base_url="https://refleum.example.com/")
    assert link_url(public, "t") == "https://refleum.example.com/signin/link/t"


async def test_the_form_has_its_labels(client, invite):
    _, token = await invite()
    page = await client.get(f"/signin/link/{token}")
    assert page.status_code == 200
    for snippet in (
        'for="new-password">New password',
        'id="new-password"',
        'for="repeat-password">Repeat password',
        'id="repeat-password"',
        "Set password and sign in",
        "ann@example.com",
    ):
        assert snippet in page.text


async def test_setting_a_password_signs_in_and_uses_the_link(app, client, invite):
    member_id, token = await invite()
    async with app.state.db.sessions() as session:
        member = await session.get(Member, member_id)
        old = await start_session(session, member)
        await session.commit()
    response = await _set_password(client, token)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard"
    assert COOKIE_NAME in response.headers["set-cookie"]
    assert (await _link_row(app, member_id)).used_at is not None
    assert verify(NEW, (await _member(app, member_id)).password_hash)[0]
    # The member's earlier sessions are over; the new one works.
    async with app.state.db.sessions() as session:
        assert await find_session(session, old.token, app.state.settings) is None
        assert await find_session(session, client.cookies[COOKIE_NAME], app.state.settings)
    client.cookies.clear()
    assert (await sign_in(client, "ann@example.com", NEW)).status_code == 303


async def _expire(app, member_id: str) -> None:
    async with app.state.db.sessions() as session:
        row = (
            await session.scalars(select(SignInLink).where(SignInLink.member_id == member_id))
        ).one()
        row.expires_at = utcnow() - timedelta(seconds=1)
        await session.commit()


@pytest.mark.parametrize("state", ["used", "expired", "unknown"])
async def test_a_dead_link_gets_one_answer(app, client, invite, state):
    member_id, token = await invite()
    if state == "used":
        await _set_password(client, token)
        client.cookies.clear()
    elif state == "expired":
        await _expire(app, member_id)
    else:
        token = "not-a-link-token"
    for response in (
        await client.get(f"/signin/link/{token}"),
        await client.post(f"/signin/link/{token}", data={"new_password": NEW}),
    ):
        assert response.status_code == 410
        assert DEAD in response.text and "Ask an owner" in response.text
        assert COOKIE_NAME not in response.headers.get("set-cookie", "")


async def test_a_new_link_voids_the_earlier_one(app, client, invite):
    member_id, first = await invite()
    async with app.state.db.sessions() as session:
        second = await issue_link(session, await session.get(Member, member_id))
        await session.commit()
    assert (await client.get(f"/signin/link/{first}")).status_code == 410
    assert (await client.get(f"/signin/link/{second}")).status_code == 200


@pytest.mark.parametrize(
    "new,repeat,message",
    [
        ("short", "short", "at least 10 characters"),
        ("x" * 1025, "x" * 1025, "at most 1,024 characters"),
        (NEW, NEW + "!", "not the same"),
    ],
    ids=["too-short", "too-long", "mismatch"],
)
async def test_a_bad_password_is_refused_and_the_link_still_works(
    app, client, invite, new, repeat, message
):
    member_id, token = await invite()
    response = await _set_password(client, token, new, repeat)
    assert response.status_code == 400 and message in response.text
    assert (await _link_row(app, member_id)).used_at is None
    assert (await _member(app, member_id)).password_hash is None
    assert (await _set_password(client, token)).status_code == 303


async def test_the_form_needs_its_token_bound_to_this_link(app, client, invite):
    member_id, token = await invite()
    _, other = await invite("bob@example.com")
    other_token = form_token((await client.get(f"/signin/link/{other}")).text)
    for data in ({}, {"csrf_token": "forged"}, {"csrf_token": other_token}):
        response = await client.post(
            f"/signin/link/{token}", data={**data, "new_password": NEW, "repeat_password": NEW}
        )
        assert response.status_code == 403 and "did not come from this site" in response.text
    assert (await _link_row(app, member_id)).used_at is None
    assert (await _member(app, member_id)).password_hash is None


async def test_a_link_is_used_once_even_by_two_requests_at_the_same_moment(app, invite):
    member_id, token = await invite()
    async with app.state.db.sessions() as first, app.state.db.sessions() as second:
        link_a, _ = await find_link(first, token)
        link_b, _ = await find_link(second, token)
        assert await use_link(first, link_a)
        await first.commit()
        assert not await use_link(second, link_b)


async def test_the_access_log_never_carries_a_link_token(client, invite, caplog):
    _, token = await invite()
    with caplog.at_level(logging.INFO, logger="refleum"):
        await client.get(f"/signin/link/{token}")
        await _set_password(client, token)
    lines = [r.getMessage() for r in caplog.records]
    assert any("/signin/link/…" in line for line in lines), lines
    assert not any(token in line for line in lines)


async def test_a_link_opened_in_a_signed_in_browser_ends_that_session(
    app, invite, browser_for, org
):
    other = await browser_for(org.org_id)
    _, token = await invite()
    old = other.http.cookies[COOKIE_NAME]
    assert (await _set_password(other.http, token)).status_code == 303
    async with app.state.db.sessions() as session:
        assert await find_session(session, old, app.state.settings) is None
