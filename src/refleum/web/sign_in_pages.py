"""Sign-in and sign-out pages.

A failed sign-in answers the same for an unknown email and a wrong password, after the
same work (a password check against a dummy hash), and counts against the account and
the client address (throttle.py).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.errors import ValidationFailed
from refleum.orgs.members import MemberRepository, normalize_email
from refleum.web import form_guard
from refleum.web.deps import CurrentMember
from refleum.web.passwords import verify_async
from refleum.web.sessions import COOKIE_NAME, revoke_session
from refleum.web.signing import address_of, form_fields, safe_next, sign_in
from refleum.web.templating import render
from refleum.web.throttle import WINDOW_MINUTES, throttle_of

router = APIRouter(include_in_schema=False)

PURPOSE = "signin"
WRONG = "Email or password is incorrect."


def _form(request, settings, *, status_code=200, email="", next_path="", error=None) -> Response:
    guard = form_guard.FormGuard(request, PURPOSE)
    page = render(
        request,
        "signin.html",
        status_code=status_code,
        form_token=guard.token,
        email=email,
        next_path=next_path,
        error=error,
        signup=settings.signup,
    )
    return guard.attach(page, settings)


@router.get("/signin")
async def sign_in_form(request: Request, settings: SettingsDep) -> Response:
    next_param = request.query_params.get("next")
    return _form(request, settings, next_path=safe_next(next_param) if next_param else "")


@router.post("/signin")
async def sign_in_submit(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    fields = await form_fields(request)
    next_path = safe_next(fields.get("next") or None)
    if not form_guard.check(request, fields.get(form_guard.FIELD), PURPOSE):
        return _form(
            request, settings, status_code=403, next_path=next_path, error=form_guard.EXPIRED
        )
    raw_email, password = fields.get("email", ""), fields.get("password", "")
    account = raw_email.strip().lower()[:320]
    throttle, address = throttle_of(request), address_of(request)
    if not await throttle.allows(account, address):
        return render(
            request,
            "message.html",
            status_code=429,
            heading="Too many attempts",
            message=(
                "There were too many failed sign-ins. Wait "
                f"{WINDOW_MINUTES} minutes, then try again."
            ),
            back="/signin",
        )
    try:
        found = await MemberRepository.find_by_email(session, normalize_email(raw_email))
    except ValidationFailed:
        found = None
    member = found[0] if found else None
    ok, new_hash = await verify_async(password, member.password_hash if member else None)
    if member is None or not ok:
        await throttle.failed(account, address)
        return _form(
            request, settings, status_code=401, email=raw_email, next_path=next_path, error=WRONG
        )
    if new_hash is not None:
        member.password_hash = new_hash  # parameters got stronger since it was set
    return await sign_in(request, session, member, settings, next_path)


@router.post("/signout")
async def sign_out(signed_in: CurrentMember, session: SessionDep) -> Response:
    await revoke_session(session, signed_in.session_id)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response
