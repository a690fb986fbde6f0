"""What every way of signing in ends with: a new session, its cookie, a redirect."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.config import Settings
from refleum.limits.address_limit import client_address
from refleum.orgs.models import Member
from refleum.web.form_guard import secure_cookies
from refleum.web.sessions import COOKIE_NAME, find_session, revoke_session, start_session

HOME = "/dashboard"


def safe_next(value: object) -> str:
    """A local path only: ``//evil.example`` and ``https://…`` would leave the site."""
    if (
        isinstance(value, str)
        and value.startswith("/")
        and not value.startswith("//")
        and "\\" not in value
        and not any(ord(c) < 32 for c in value)
    ):
        return value
    return HOME


async def sign_in(
    request: Request,
    session: AsyncSession,
    member: Member,
    settings: Settings,
    location: str = HOME,
) -> RedirectResponse:
    """A new session id every time (no fixation), in an HttpOnly cookie, then a 303.

    A session this browser still held (perhaps another member's) ends on the server too,
    rather than living on unseen until it expires.
    """
    previous_token = request.cookies.get(COOKIE_NAME)
    if previous_token:
        previous = await find_session(session, previous_token, settings)
        if previous is not None:
            await revoke_session(session, previous.session_id)
    started = await start_session(session, member)
    response = RedirectResponse(location, status_code=303)
    response.set_cookie(
        COOKIE_NAME,
        started.token,
        max_age=settings.session_max_hours * 3600,
        path="/",
        httponly=True,
        samesite="lax",
        secure=secure_cookies(settings),
    )
    return response


def address_of(request: Request) -> str:
    return client_address(request.scope)


async def form_fields(request: Request) -> dict[str, str]:
    """The text fields of a posted form (anything else is ignored)."""
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}
