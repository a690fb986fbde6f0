"""Sign-in, its CSRF guard, sign-out, and where a sign-in may send the browser next."""

from __future__ import annotations

import httpx
import pytest
from fastapi import APIRouter
from pwdlib.hashers.argon2 import Argon2Hasher
from sqlalchemy import func, select
from tests.web.auth_helpers import PASSWORD, form_token, member_with_password, sign_in

from refleum.web.deps import CurrentMember
from refleum.web.models import WebSession
from refleum.web.sessions import COOKIE_NAME
from refleum.web.signing import safe_next

probe = APIRouter()


@probe.get("/probe")
async def read_page(signed_in: CurrentMember) -> dict[str, str]:
    return {"member": signed_in.member.id}


@pytest.fixture
def app_with_probe(app):
    app.include_router(probe)
    return app


async def _sessions(app) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(WebSession)) or 0


async def test_the_form_has_its_labels_and_a_form_cookie(client):
    page = await client.get("/signin")
    assert page.status_code == 200
    for snippet in ('for="email">Email', 'id="email"', 'for="password">Password', ">Sign in<"):
        assert snippet in page.text
    assert form_token(page.text)
    cookie = page.headers["set-cookie"]
    assert cookie.startswith("refleum_form=") and "HttpOnly" in cookie
    assert page.headers["cache-control"] == "no-store"


async def test_sign_in_starts_a_session_in_a_strict_cookie(app_with_probe, client, org):
    member = await member_with_password(app_with_probe, org.org_id, "Ann@Example.com")
    response = await sign_in(client, "  ann@EXAMPLE.com ", PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/dashboard"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(COOKIE_NAME))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Max-Age=604800" in cookie and "Secure" not in cookie
    assert (await client.get("/probe")).json() == {"member": member.id}


async def test_the_cookies_are_secure_behind_https(app, org):
    app.state.settings.public_base_url = "https://refleum.example.com"
    await member_with_password(app, org.org_id, "ann@example.com")
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        form_cookie = (await client.get("/signin")).headers["set-cookie"]
        response = await sign_in(client, "ann@example.com")
    assert "Secure" in form_cookie
    session_cookie = response.headers["set-cookie"]
    assert session_cookie.startswith(COOKIE_NAME) and "Secure" in session_cookie


async def test_every_sign_in_is_a_new_session_and_ends_the_previous_one(
    app_with_probe, client, org
):
    await member_with_password(app_with_probe, org.org_id, "ann@example.com")
    await sign_in(client, "ann@example.com")
    first = client.cookies[COOKIE_NAME]
    await sign_in(client, "ann@example.com")
    second = client.cookies[COOKIE_NAME]
    assert first != second and await _sessions(app_with_probe) == 2
    client.cookies.set(COOKIE_NAME, first)
    assert (await client.get("/probe")).status_code == 303


@pytest.mark.parametrize(
    "next_path,location",
    [
        ("/dashboard/keys", "/dashboard/keys"),
        ("//evil.example.com/x", "/dashboard"),
        ("https://evil.example.com/", "/dashboard"),
        ("/\\evil.example.com", "/dashboard"),
    ],
)
async def test_next_is_honoured_only_for_local_paths(app, client, org, next_path, location):
    await member_with_password(app, org.org_id, "ann@example.com")
    response = await sign_in(client, "ann@example.com", next_path=next_path)
    assert response.headers["location"] == location


@pytest.mark.parametrize("value", [None, "", "dashboard", "//x", "/\\x", "/a\nb", "http://x/"])
def test_safe_next_refuses_anything_that_is_not_a_local_path(value):
    assert safe_next(value) == "/dashboard"


async def test_unknown_email_and_wrong_password_look_the_same(app, client, org, monkeypatch):
    await member_with_password(app, org.org_id, "ann@example.com")
    checked: list[str] = []
    real = Argon2Hasher.verify
    monkeypatch.setattr(Argon2Hasher, "verify", lambda s, p, h: checked.append(h) or real(s, p, h))
    wrong = await sign_in(client, "ann@example.com", "not the password")
    unknown = await sign_in(client, "bob@example.com", "not the password")
    invalid = await sign_in(client, "not an email", "not the password")
    for response in (wrong, unknown, invalid):
        assert response.status_code == 401
        assert "Email or password is incorrect." in response.text
        assert COOKIE_NAME not in response.headers.get("set-cookie", "")
    # Each answer checked a password against an Argon2 hash: the same work every time.
    assert len(checked) == 3 and all(h.startswith("$argon2id$") for h in checked)


async def test_a_member_without_a_password_cannot_sign_in(app, client, org, browser_for):
    browser = await browser_for(org.org_id)
    response = await sign_in(client, browser.email, "")
    assert response.status_code == 401 and "Email or password is incorrect." in response.text


async def test_a_sign_in_without_its_form_token_is_refused(app, client, org):
    await member_with_password(app, org.org_id, "ann@example.com")
    await client.get("/signin")  # the browser has its form cookie
    data = {"email": "ann@example.com", "password": PASSWORD}
    for sent in (data, {**data, "csrf_token": "forged"}):
        response = await client.post("/signin", data=sent)
        assert response.status_code == 403 and "did not come from this site" in response.text
    assert await _sessions(app) == 0


async def test_a_form_token_without_its_cookie_is_refused(app, client, org):
    """Another site can copy a token from its own visit, but not the victim's cookie."""
    await member_with_password(app, org.org_id, "ann@example.com")
    token = form_token((await client.get("/signin")).text)
    client.cookies.clear()
    data = {"csrf_token": token, "email": "ann@example.com", "password": PASSWORD}
    assert (await client.post("/signin", data=data)).status_code == 403
    assert await _sessions(app) == 0


async def test_sign_out_ends_the_session_on_the_server(app_with_probe, client, org):
    await member_with_password(app_with_probe, org.org_id, "ann@example.com")
    await sign_in(client, "ann@example.com")
    old_cookie = client.cookies[COOKIE_NAME]
    page_csrf = await _csrf_of_session(app_with_probe)
    response = await client.post("/signout", data={"csrf_token": page_csrf})
    assert response.status_code == 303 and response.headers["location"] == "/signin"
    assert f'{COOKIE_NAME}=""' in response.headers["set-cookie"]
    client.cookies.set(COOKIE_NAME, old_cookie)
    assert (await client.get("/probe")).status_code == 303


async def test_sign_out_needs_its_csrf_token(app_with_probe, browser_for, org):
    browser = await browser_for(org.org_id)
    assert (await browser.http.post("/signout")).status_code == 403
    assert (await browser.http.get("/probe")).status_code == 200


async def _csrf_of_session(app) -> str:
    async with app.state.db.sessions() as session:
        return (await session.scalars(select(WebSession.csrf_token))).one()


async def test_no_page_route_is_in_the_api_schema(app):
    paths = app.openapi()["paths"]
    for path in ("/signin", "/signout", "/signup", "/signin/link/{token}", "/dashboard/members"):
        assert path not in paths
    assert not any(p.startswith(("/signin", "/dashboard")) for p in paths)
