"""One-time sign-in links: an invitation or a reset, where a member sets a password.

The link carries a random token; the table keeps its SHA-256 only. A link works once,
for 24 hours; issuing a new one voids the member's earlier unused links.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.config import Settings
from refleum.db import utcnow
from refleum.ids import new_id
from refleum.orgs.models import Member
from refleum.web.models import SignInLink
from refleum.web.sessions import hash_token

LINK_LIFETIME = timedelta(hours=24)
LINK_PATH = "/signin/link/"


async def issue_link(session: AsyncSession, member: Member) -> str:
    """A new link for ``member``; returns its token (shown once, never stored)."""
    now = utcnow()
    await session.execute(
        update(SignInLink)
        .where(SignInLink.member_id == member.id, SignInLink.used_at.is_(None))
        .values(used_at=now)
    )
    token = secrets.token_urlsafe(32)
    session.add(
        SignInLink(
            id=new_id("sil"),
            token_hash=hash_token(token),
            member_id=member.id,
            created_at=now,
            expires_at=now + LINK_LIFETIME,
        )
    )
    await session.flush()
    return token


def link_url(settings: Settings, token: str) -> str:
    base = settings.public_base_url or f"http://{settings.host}:{settings.port}"
    return f"{base.rstrip('/')}{LINK_PATH}{token}"


async def find_link(session: AsyncSession, token: str) -> tuple[SignInLink, Member] | None:
    """The live link behind a token, or None: unknown, used and expired look the same."""
    row = (
        await session.execute(
            select(SignInLink, Member)
            .join(Member, Member.id == SignInLink.member_id)
            .where(SignInLink.token_hash == hash_token(token))
        )
    ).first()
    if row is None:
        return None
    link, member = row
    if link.used_at is not None or link.expires_at <= utcnow():
        return None
    return link, member


async def use_link(session: AsyncSession, link: SignInLink) -> bool:
    """Marks the link used; False when another request used it first."""
    result = await session.execute(
        update(SignInLink)
        .where(SignInLink.id == link.id, SignInLink.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
