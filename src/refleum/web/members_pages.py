"""The owners' members page: invite, change a role, send a new sign-in link, remove.

A member's access follows their row: a changed role or a removal revokes their sessions
in the same transaction, so the next request of an open tab already sees it.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.errors import NotFound, ValidationFailed
from refleum.orgs.members import MemberRepository, Role, add_member, change_role, remove_member
from refleum.web.deps import CurrentOwner
from refleum.web.sessions import SignedIn, revoke_member_sessions
from refleum.web.sign_in_links import issue_link, link_url
from refleum.web.signing import form_fields
from refleum.web.templating import render

router = APIRouter(prefix="/dashboard/members", include_in_schema=False)
PAGE = "/dashboard/members"


async def _page(
    request: Request,
    signed_in: SignedIn,
    session,
    *,
    status_code: int = 200,
    **context,
) -> Response:
    members = await MemberRepository(session, signed_in.org.id).list()
    return render(
        request,
        "members.html",
        signed_in,
        status_code=status_code,
        active="members",
        members=members,
        roles=list(Role),
        **context,
    )


def _refused(request: Request, signed_in: SignedIn, exc: NotFound | ValidationFailed) -> Response:
    if isinstance(exc, NotFound):
        heading, message, status = "Not found", "There is no such member.", 404
    else:
        heading, message, status = "Not possible", exc.detail, 409
    return render(
        request,
        "message.html",
        signed_in,
        status_code=status,
        heading=heading,
        message=message,
        back=PAGE,
    )


def _role(value: str | None) -> Role:
    try:
        return Role(value or "")
    except ValueError:
        raise ValidationFailed("Choose a role: owner or member.") from None


@router.get("")
async def members_page(request: Request, signed_in: CurrentOwner, session: SessionDep) -> Response:
    return await _page(request, signed_in, session)


@router.post("")
async def invite(
    request: Request, signed_in: CurrentOwner, session: SessionDep, settings: SettingsDep
) -> Response:
    fields = await form_fields(request)
    email = fields.get("email", "")
    try:
        role = _role(fields.get("role") or Role.MEMBER)
        member = await add_member(session, signed_in.org.id, email, role)
    except ValidationFailed as exc:
        return await _page(
            request, signed_in, session, status_code=400, error=exc.detail, invite_email=email
        )
    token = await issue_link(session, member)
    # Rendered in this response only: the link is never stored, so it cannot be shown again.
    return await _page(
        request, signed_in, session, new_link=link_url(settings, token), link_for=member.email
    )


@router.post("/{member_id}/role")
async def set_role(
    member_id: str, request: Request, signed_in: CurrentOwner, session: SessionDep
) -> Response:
    fields = await form_fields(request)
    try:
        role = _role(fields.get("role"))
        member = await MemberRepository(session, signed_in.org.id).get(member_id)
        before = member.role if member else None
        member = await change_role(session, signed_in.org.id, member_id, role)
    except (NotFound, ValidationFailed) as exc:
        return _refused(request, signed_in, exc)
    if before != member.role:
        await revoke_member_sessions(session, member.id)
    return RedirectResponse(PAGE, status_code=303)


@router.post("/{member_id}/link")
async def new_link(
    member_id: str,
    request: Request,
    signed_in: CurrentOwner,
    session: SessionDep,
    settings: SettingsDep,
) -> Response:
    member = await MemberRepository(session, signed_in.org.id).get(member_id)
    if member is None:
        return _refused(request, signed_in, NotFound("member"))
    token = await issue_link(session, member)
    return await _page(
        request, signed_in, session, new_link=link_url(settings, token), link_for=member.email
    )


@router.get("/{member_id}/remove")
async def confirm_removal(
    member_id: str, request: Request, signed_in: CurrentOwner, session: SessionDep
) -> Response:
    member = await MemberRepository(session, signed_in.org.id).get(member_id)
    if member is None:
        return _refused(request, signed_in, NotFound("member"))
    return render(request, "member_remove.html", signed_in, active="members", member=member)


@router.post("/{member_id}/remove")
async def remove(
    member_id: str, request: Request, signed_in: CurrentOwner, session: SessionDep
) -> Response:
    try:
        # Their sessions and links are deleted with the row (ON DELETE CASCADE).
        await remove_member(
            session, signed_in.org.id, member_id, acting_member_id=signed_in.member.id
        )
    except (NotFound, ValidationFailed) as exc:
        return _refused(request, signed_in, exc)
    return RedirectResponse(PAGE, status_code=303)
