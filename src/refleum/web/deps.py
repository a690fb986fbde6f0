"""Who is signed in to the dashboard, and the checks its pages declare.

A dashboard page is opened by the session cookie only: an API key never opens one, and
the cookie never authenticates ``/api/v1`` (orgs/deps.py reads headers only).
"""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.web.sessions import COOKIE_NAME, SignedIn, find_session

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class SignInRequired(Exception):
    """No live session: the page answers with a redirect to the sign-in form."""

    def __init__(self, next_path: str):
        self.location = f"/signin?next={quote(next_path, safe='/')}"


class PageForbidden(Exception):
    """Signed in, but not allowed: an owner-only action, or a form without its token."""

    def __init__(self, reason: str):
        self.reason = reason


async def current_member(request: Request, session: SessionDep, settings: SettingsDep) -> SignedIn:
    token = request.cookies.get(COOKIE_NAME)
    signed_in = await find_session(session, token, settings) if token else None
    if signed_in is None:
        raise SignInRequired(request.url.path)
    request.state.org_id = signed_in.org.id
    if request.method not in SAFE_METHODS:
        await _check_csrf(request, signed_in)
    return signed_in


async def _check_csrf(request: Request, signed_in: SignedIn) -> None:
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not secrets.compare_digest(sent, signed_in.csrf_token):
        raise PageForbidden(
            "This form has expired or did not come from this site. Reload the page and try again."
        )


CurrentMember = Annotated[SignedIn, Depends(current_member)]


async def current_owner(signed_in: CurrentMember) -> SignedIn:
    if not signed_in.is_owner:
        raise PageForbidden("Only an owner of the organization can do this.")
    return signed_in


CurrentOwner = Annotated[SignedIn, Depends(current_owner)]
