"""Self-serve sign-up (REFLEUM_SIGNUP=true): a new organization on the Free plan, its owner.

Switched off, ``/signup`` does not exist (404), and the sign-in page does not link to it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.exc import IntegrityError

from refleum.config import Settings, SettingsDep
from refleum.db import SessionDep
from refleum.errors import ValidationFailed
from refleum.orgs import service as orgs
from refleum.orgs.members import MemberRepository, Role, add_member, new_member_email
from refleum.orgs.plans import Plan
from refleum.web import form_guard
from refleum.web.passwords import MAX_LENGTH, MIN_LENGTH, check_policy, hash_password_async
from refleum.web.signing import address_of, form_fields, sign_in
from refleum.web.templating import render
from refleum.web.throttle import throttle_of

router = APIRouter(include_in_schema=False)

PURPOSE = "signup"
MAX_ORG_NAME = 200


def _not_found(request: Request) -> Response:
    return render(
        request,
        "message.html",
        status_code=404,
        heading="Page not found",
        message="There is no such page.",
        back="/signin",
    )


def _form(
    request: Request, settings: Settings, *, status_code=200, error=None, **values: str
) -> Response:
    guard = form_guard.FormGuard(request, PURPOSE)
    page = render(
        request,
        "signup.html",
        status_code=status_code,
        form_token=guard.token,
        error=error,
        org_name=values.get("org_name", ""),
        email=values.get("email", ""),
        min_length=MIN_LENGTH,
        max_length=MAX_LENGTH,
    )
    return guard.attach(page, settings)


@router.get("/signup")
async def sign_up_form(request: Request, settings: SettingsDep) -> Response:
    if not settings.signup:
        return _not_found(request)
    return _form(request, settings)


@router.post("/signup")
async def sign_up(request: Request, session: SessionDep, settings: SettingsDep) -> Response:
    if not settings.signup:
        return _not_found(request)
    fields = await form_fields(request)
    values = {"org_name": fields.get("org_name", ""), "email": fields.get("email", "")}
    if not form_guard.check(request, fields.get(form_guard.FIELD), PURPOSE):
        return _form(request, settings, status_code=403, error=form_guard.EXPIRED, **values)
    if not await throttle_of(request).sign_up_attempt(address_of(request)):
        return render(
            request,
            "message.html",
            status_code=429,
            heading="Too many sign-ups",
            message=("Too many sign-ups came from this address. Wait an hour, then try again."),
            back="/signin",
        )
    name = values["org_name"].strip()
    password = fields.get("password", "")
    try:
        if not name or len(name) > MAX_ORG_NAME:
            raise ValidationFailed(f"The organization name needs 1 to {MAX_ORG_NAME} characters.")
        email = new_member_email(values["email"])
        # Checked before anything is written: the request session commits what it holds.
        if await MemberRepository.find_by_email(session, email) is not None:
            raise ValidationFailed(f"{email} already has an account. Sign in instead.")
        check_policy(password)
    except ValidationFailed as exc:
        return _form(request, settings, status_code=400, error=exc.detail, **values)
    password_hash = await hash_password_async(password)
    try:
        # A savepoint: another sign-up with this email may commit between the check above
        # and this insert; then the unique email refuses it and nothing of it is kept.
        async with session.begin_nested():
            org = await orgs.create_org(session, name, Plan.FREE)
            owner = await add_member(session, org.id, email, Role.OWNER)
            owner.password_hash = password_hash
    except IntegrityError:
        taken = f"{email} already has an account. Sign in instead."
        return _form(request, settings, status_code=400, error=taken, **values)
    return await sign_in(request, session, owner, settings)
