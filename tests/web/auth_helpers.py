"""Helpers for the sign-in tests: members with passwords, form tokens read from pages."""

from __future__ import annotations

import re

import httpx

from refleum.orgs.members import Role, add_member
from refleum.web.passwords import hash_password

PASSWORD = "correct horse battery"


def form_token(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no CSRF field"
    return found.group(1)


async def member_with_password(
    app, org_id: str, email: str, password: str = PASSWORD, role: Role = Role.OWNER
):
    async with app.state.db.sessions() as session:
        member = await add_member(session, org_id, email, role)
        member.password_hash = hash_password(password)
        await session.commit()
    return member


async def sign_in(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD, *, next_path: str = ""
) -> httpx.Response:
    page = await client.get("/signin" + (f"?next={next_path}" if next_path else ""))
    data = {"csrf_token": form_token(page.text), "email": email, "password": password}
    if next_path:
        data["next"] = next_path
    return await client.post("/signin", data=data)
