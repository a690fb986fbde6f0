"""API keys: the list, and for owners creating and revoking them; a temporary key that
hands itself to the playground.

A new key's secret is shown once, on the page that answers the POST (no redirect: the
secret is never in a URL, never in history, never shown again).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from refleum.db import SessionDep, utcnow
from refleum.orgs import service as orgs
from refleum.orgs.repository import ApiKeyRepository
from refleum.web.dashboard.pages import PageNotFound, PageNotSaved, or_404, page_router
from refleum.web.deps import CurrentMember, CurrentOwner
from refleum.web.sessions import SignedIn
from refleum.web.templating import render

router = page_router()

NAME_MAX = 100  # ApiKey.name's column
TEMPORARY_NAME = "Playground (temporary)"
TEMPORARY_FOR = timedelta(hours=1)


async def _list_page(
    request: Request,
    session: SessionDep,
    signed_in: SignedIn,
    *,
    status_code: int = 200,
    **context,
) -> HTMLResponse:
    return render(
        request,
        "dashboard/keys.html",
        signed_in,
        status_code=status_code,
        active="keys",
        keys=await orgs.list_keys(session, signed_in.org.id),
        now=utcnow(),
        **context,
    )


@router.get("/keys", response_class=HTMLResponse)
async def list_keys(request: Request, signed_in: CurrentMember, session: SessionDep):
    return await _list_page(request, session, signed_in)


def name_error(name: str) -> str | None:
    if not name:
        return "Give the key a name, e.g. the app or person that will use it."
    if len(name) > NAME_MAX:
        return f"A key name is at most {NAME_MAX} characters ({len(name)} given)."
    return None


@router.post("/keys", response_class=HTMLResponse)
async def create_key(
    request: Request,
    signed_in: CurrentOwner,
    session: SessionDep,
    name: Annotated[str, Form()] = "",
):
    name = name.strip()
    if error := name_error(name):
        page = await _list_page(
            request, session, signed_in, status_code=400, name_error=error, name_value=name
        )
        raise PageNotSaved(page)
    created = await orgs.create_key(session, signed_in.org.id, name=name)
    return render(
        request,
        "dashboard/key_created.html",
        signed_in,
        status_code=201,
        active="keys",
        key=created.key,
        secret=created.secret,
    )


@router.post("/keys/temporary", response_class=HTMLResponse)
async def create_temporary_key(request: Request, signed_in: CurrentMember, session: SessionDep):
    """Members too: the playground is for everyone in the organization, and the key dies
    within the hour on its own."""
    created = await orgs.create_key(
        session, signed_in.org.id, name=TEMPORARY_NAME, expires_in=TEMPORARY_FOR
    )
    return render(
        request,
        "dashboard/key_handoff.html",
        signed_in,
        status_code=201,
        active="keys",
        key=created.key,
        secret=created.secret,
    )


@router.get("/keys/{key_id}/revoke", response_class=HTMLResponse)
async def confirm_revoke(
    key_id: str, request: Request, signed_in: CurrentOwner, session: SessionDep
):
    key = await ApiKeyRepository(session, signed_in.org.id).get(key_id)
    if key is None:
        raise PageNotFound("API key not found")
    return render(request, "dashboard/key_revoke.html", signed_in, active="keys", key=key)


@router.post("/keys/{key_id}/revoke")
async def revoke_key(key_id: str, signed_in: CurrentOwner, session: SessionDep):
    await or_404(orgs.revoke_org_key(session, signed_in.org.id, key_id))
    return RedirectResponse("/dashboard/keys", status_code=303)
