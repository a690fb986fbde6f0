"""Signed-in dashboard clients: a member and a session made through the services."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest

from refleum.orgs.members import Role, add_member
from refleum.web.sessions import COOKIE_NAME, start_session


@dataclass
class Browser:
    """A dashboard client holding one member's session cookie."""

    http: httpx.AsyncClient
    org_id: str
    member_id: str
    email: str
    csrf_token: str

    async def post_form(self, url: str, data: dict[str, str] | None = None, **kw):
        return await self.http.post(url, data={"csrf_token": self.csrf_token, **(data or {})}, **kw)


@pytest.fixture
async def browser_for(app) -> AsyncIterator:
    """``await browser_for(org_id, role)``: a client signed in as a new member of that org."""
    clients: list[httpx.AsyncClient] = []

    async def make(org_id: str, role: Role = Role.OWNER, email: str | None = None) -> Browser:
        async with app.state.db.sessions() as session:
            member = await add_member(
                session,
                org_id,
                email or f"{role}-{len(clients)}@{org_id.replace('_', '-')}.example.com",
                role,
            )
            started = await start_session(session, member)
            await session.commit()
        http = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://testserver",
            cookies={COOKIE_NAME: started.token},
        )
        clients.append(http)
        return Browser(http, org_id, member.id, member.email, started.session.csrf_token)

    yield make
    for http in clients:
        await http.aclose()
