"""Self-serve sign-up: only with REFLEUM_SIGNUP=true; a Free organization and its owner."""

from __future__ import annotations

import pytest
from limits.aio.storage import MemoryStorage
from limits.limits import RateLimitItemPerMinute
from sqlalchemy import func, select
from tests.web.auth_helpers import form_token, member_with_password

from refleum.orgs.members import Role
from refleum.orgs.models import Member, Organization
from refleum.orgs.plans import Plan
from refleum.web import signup_pages
from refleum.web.passwords import verify
from refleum.web.sessions import COOKIE_NAME, find_session
from refleum.web.throttle import SignInThrottle

GOOD = {"org_name": "Globex", "email": "Hank@Globex.example", "password": "a long passphrase"}


@pytest.fixture
def signup_on(app):
    app.state.settings.signup = True
    return app


async def _post(client, **changes: str):
    page = await client.get("/signup")
    return await client.post(
        "/signup", data={"csrf_token": form_token(page.text), **GOOD, **changes}
    )


async def _count(app, model) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(model)) or 0


async def test_without_the_setting_there_is_no_sign_up(app, client):
    assert (await client.get("/signup")).status_code == 404
    assert (await client.post("/signup", data=GOOD)).status_code == 404
    assert 'href="/signup"' not in (await client.get("/signin")).text


async def test_the_form_has_its_labels(signup_on, client):
    page = await client.get("/signup")
    for label in (">Organization name<", ">Email<", ">Password<"):
        assert label in page.text
    assert 'href="/signup"' in (await client.get("/signin")).text


async def test_sign_up_creates_a_free_org_and_its_signed_in_owner(signup_on, client):
    response = await _post(client)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard"
    async with signup_on.state.db.sessions() as session:
        member = (await session.scalars(select(Member))).one()
        org = await session.get(Organization, member.org_id)
        signed_in = await find_session(
            session, client.cookies[COOKIE_NAME], signup_on.state.settings
        )
    assert (org.name, org.plan) == ("Globex", Plan.FREE)
    assert (member.email, member.role) == ("hank@globex.example", Role.OWNER)
    assert verify("a long passphrase", member.password_hash)[0]
    assert signed_in is not None and signed_in.member.id == member.id


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"org_name": "   "}, "organization name"),
        ({"org_name": "x" * 201}, "organization name"),
        ({"email": "not-an-email"}, "valid email"),
        ({"email": "hank@glo_bex.example"}, "browser"),
        ({"password": "short"}, "at least 10"),
        ({"email": "taken@example.com"}, "already has an account"),
    ],
    ids=[
        "blank-name",
        "long-name",
        "bad-email",
        "browser-refuses",
        "short-password",
        "taken-email",
    ],
)
async def test_bad_input_is_refused_and_nothing_is_created(
    signup_on, client, org, changes, message
):
    await member_with_password(signup_on, org.org_id, "taken@example.com")
    orgs_before = await _count(signup_on, Organization)
    response = await _post(client, **changes)
    assert response.status_code == 400 and message in response.text
    assert await _count(signup_on, Organization) == orgs_before
    assert await _count(signup_on, Member) == 1
    assert COOKIE_NAME not in response.headers.get("set-cookie", "")


async def test_a_sign_up_that_loses_a_race_for_its_email_is_refused_cleanly(
    signup_on, client, org, monkeypatch
):
    """The email was free when checked, and taken by another sign-up before the insert."""
    await member_with_password(signup_on, org.org_id, "hank@globex.example")

    async def found_nobody(session, email):
        return None

    monkeypatch.setattr(signup_pages.MemberRepository, "find_by_email", found_nobody)
    orgs_before = await _count(signup_on, Organization)
    response = await _post(client)
    assert response.status_code == 400 and "already has an account" in response.text
    assert await _count(signup_on, Organization) == orgs_before
    assert await _count(signup_on, Member) == 1
    assert COOKIE_NAME not in response.headers.get("set-cookie", "")


async def test_sign_up_needs_its_form_token(signup_on, client):
    await client.get("/signup")
    for data in (GOOD, {**GOOD, "csrf_token": "forged"}):
        response = await client.post("/signup", data=data)
        assert response.status_code == 403 and "did not come from this site" in response.text
    assert await _count(signup_on, Organization) == 0


async def test_sign_ups_are_limited_per_address(signup_on, client):
    signup_on.state.signin_throttle = SignInThrottle(
        MemoryStorage(), signups=RateLimitItemPerMinute(2, 60, namespace="signup-test")
    )
    assert (await _post(client, email="a@example.com")).status_code == 303
    assert (await _post(client, email="b@example.com", password="x")).status_code == 400
    response = await _post(client, email="c@example.com")
    assert response.status_code == 429 and "Wait an hour" in response.text
    assert await _count(signup_on, Organization) == 1
