"""Server-side dashboard sessions: started at sign-in, found by cookie, ended by sign-out.

The cookie carries a random token; the table keeps its SHA-256 only. A session ends after
``session_idle_minutes`` without a request or ``session_max_hours`` after sign-in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.config import Settings
from refleum.db import utcnow
from refleum.ids import new_id
from refleum.orgs.members import Role
from refleum.orgs.models import Member, Organization
from refleum.web.models import WebSession

COOKIE_NAME = "refleum_session"
# last_seen_at is written at most this often, so reading a page is not a write each time.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class SignedIn:
    """Who is looking at a dashboard page, and the token their forms must carry."""

    member: Member
    org: Organization
    session_id: str
    csrf_token: str

    @property
    def is_owner(self) -> bool:
        return self.member.role == Role.OWNER


@dataclass(frozen=True)
class StartedSession:
    session: WebSession
    token: str  # goes into the cookie, never stored


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def start_session(session: AsyncSession, member: Member) -> StartedSession:
    """A new session id at every sign-in (no fixation: nothing carries over)."""
    token = secrets.token_urlsafe(32)
    row = WebSession(
        id=new_id("ses"),
        token_hash=hash_token(token),
        member_id=member.id,
        csrf_token=secrets.token_urlsafe(32),
    )
    session.add(row)
    await session.flush()
    return StartedSession(session=row, token=token)


async def find_session(session: AsyncSession, token: str, settings: Settings) -> SignedIn | None:
    """The live session behind a cookie token, or None (unknown, revoked or expired)."""
    row = (
        await session.execute(
            select(WebSession, Member, Organization)
            .join(Member, Member.id == WebSession.member_id)
            .join(Organization, Organization.id == Member.org_id)
            .where(WebSession.token_hash == hash_token(token))
        )
    ).first()
    if row is None:
        return None
    web_session, member, org = row
    now = utcnow()
    if (
        web_session.revoked_at is not None
        or now - web_session.last_seen_at > timedelta(minutes=settings.session_idle_minutes)
        or now - web_session.created_at > timedelta(hours=settings.session_max_hours)
    ):
        return None
    if now - web_session.last_seen_at >= LAST_SEEN_RESOLUTION:
        web_session.last_seen_at = now
    return SignedIn(member, org, web_session.id, web_session.csrf_token)


async def revoke_session(session: AsyncSession, session_id: str) -> None:
    await session.execute(
        update(WebSession)
        .where(WebSession.id == session_id, WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def revoke_member_sessions(session: AsyncSession, member_id: str) -> None:
    """Every session of a member: on removal, role change or a new password."""
    await session.execute(
        update(WebSession)
        .where(WebSession.member_id == member_id, WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
