"""The page behind a one-time sign-in link: set a password, and be signed in.

Unknown, used and expired links get one answer, so a link reveals nothing once it is dead.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.errors import ValidationFailed
from refleum.web import form_guard
from refleum.web.passwords import MAX_LENGTH, MIN_LENGTH, check_policy, hash_password_async
from refleum.web.sessions import hash_token, revoke_member_sessions
from refleum.web.sign_in_links import find_link, use_link
from refleum.web.signing import form_fields, sign_in
from refleum.web.templating import render

router = APIRouter(include_in_schema=False)


def _purpose(token: str) -> str:
    # Bound to the link: a token for one link's form is worthless on another's.
    return "link:" + hash_token(token)


def _dead_link(request: Request) -> Response:
    return render(
        request,
        "message.html",
        status_code=410,
        heading="This link is used or expired",
        message=(
            "A sign-in link works once and for 24 hours. "
            "Ask an owner of your organization for a new one."
        ),
        back="/signin",
    )


def _form(request, settings, token, email, *, status_code=200, error=None) -> Response:
    guard = form_guard.FormGuard(request, _purpose(token))
    page = render(
        request,
        "set_password.html",
        status_code=status_code,
        form_token=guard.token,
        email=email,
        error=error,
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
    )
    return guard.attach(page, settings)


@router.get("/signin/link/{token}")
async def set_password_form(
    token: str, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    found = await find_link(session, token)
    if found is None:
        return _dead_link(request)
    return _form(request, settings, token, found[1].email)


@router.post("/signin/link/{token}")
async def set_password(
    token: str, request: Request, session: SessionDep, settings: SettingsDep
) -> Response:
    found = await find_link(session, token)
    if found is None:
        return _dead_link(request)
    link, member = found
    fields = await form_fields(request)
    if not form_guard.check(request, fields.get(form_guard.FIELD), _purpose(token)):
        return _form(
            request, settings, token, member.email, status_code=403, error=form_guard.EXPIRED
        )
    password = fields.get("new_password", "")
    try:
        check_policy(password)
        if password != fields.get("repeat_password", ""):
            raise ValidationFailed("The two passwords are not the same.")
    except ValidationFailed as exc:
        return _form(request, settings, token, member.email, status_code=400, error=exc.detail)
    if not await use_link(session, link):
        return _dead_link(request)
    member.password_hash = await hash_password_async(password)
    # Whoever held the old password (or a stolen session) is signed out everywhere.
    await revoke_member_sessions(session, member.id)
    return await sign_in(request, session, member, settings)
