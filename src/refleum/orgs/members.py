"""Organization members: the people who sign in to the dashboard. Never commits."""

from __future__ import annotations

import re
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.errors import NotFound, ValidationFailed
from refleum.ids import new_id
from refleum.orgs.models import Member, Organization


class Role(StrEnum):
    OWNER = "owner"  # manages keys, members and model settings
    MEMBER = "member"  # reads and works with the organization's resumes


def normalize_email(email: str) -> str:
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or any(c.isspace() for c in email) or len(email) > 320:
        raise ValidationFailed("A valid email address is required")
    return email


# The HTML standard's "valid email address": the only addresses a browser's <input
# type=email> submits. A member added with anything else could never send the sign-in form.
_BROWSER_EMAIL = re.compile(
    r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
    r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
)


def new_member_email(email: str) -> str:
    """``normalize_email``, and an address the dashboard's sign-in form can send."""
    email = normalize_email(email)
    if _BROWSER_EMAIL.fullmatch(email) is None:
        raise ValidationFailed(
            f"{email} cannot be typed into a browser's email field: use letters, digits "
            "and hyphens in the domain (e.g. name@example.com)"
        )
    return email


class MemberRepository:
    """Members of one organization; lookup by email is the only cross-org query (sign-in)."""

    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    async def add(self, member: Member) -> Member:
        member.org_id = self.org_id
        self.session.add(member)
        await self.session.flush()
        return member

    async def get(self, member_id: str) -> Member | None:
        member = await self.session.get(Member, member_id)
        return member if member is not None and member.org_id == self.org_id else None

    async def list(self) -> list[Member]:
        result = await self.session.scalars(
            select(Member).where(Member.org_id == self.org_id).order_by(Member.created_at)
        )
        return list(result)

    async def count_owners(self) -> int:
        query = select(func.count()).where(Member.org_id == self.org_id, Member.role == Role.OWNER)
        return await self.session.scalar(query) or 0

    @staticmethod
    async def find_by_email(
        session: AsyncSession, email: str
    ) -> tuple[Member, Organization] | None:
        row = (
            await session.execute(
                select(Member, Organization)
                .join(Organization, Organization.id == Member.org_id)
                .where(Member.email == email)
            )
        ).first()
        return None if row is None else (row[0], row[1])


async def add_member(
    session: AsyncSession, org_id: str, email: str, role: Role = Role.MEMBER
) -> Member:
    """A new member without a password: they set one through a one-time sign-in link."""
    if await session.get(Organization, org_id) is None:
        raise NotFound("organization")
    email = new_member_email(email)
    if await MemberRepository.find_by_email(session, email) is not None:
        raise ValidationFailed(f"{email} already has an account")
    member = Member(id=new_id("mem"), email=email, role=Role(role))
    return await MemberRepository(session, org_id).add(member)


async def _lock_members(session: AsyncSession, org_id: str) -> None:
    """Serializes role changes and removals in one org, so two owners demoting each other
    at once cannot leave it without an owner (PostgreSQL row lock; SQLite has one writer)."""
    await session.execute(
        select(Organization.id).where(Organization.id == org_id).with_for_update()
    )


async def change_role(session: AsyncSession, org_id: str, member_id: str, role: Role) -> Member:
    await _lock_members(session, org_id)
    repo = MemberRepository(session, org_id)
    member = await repo.get(member_id)
    if member is None:
        raise NotFound("member")
    role = Role(role)
    if member.role == Role.OWNER and role != Role.OWNER and await repo.count_owners() <= 1:
        raise ValidationFailed(
            "The last owner cannot be demoted: make someone else an owner first."
        )
    member.role = role
    await session.flush()
    return member


async def remove_member(
    session: AsyncSession, org_id: str, member_id: str, *, acting_member_id: str
) -> Member:
    """Deletes the member (their sessions and sign-in links go with them, by cascade)."""
    await _lock_members(session, org_id)
    repo = MemberRepository(session, org_id)
    member = await repo.get(member_id)
    if member is None:
        raise NotFound("member")
    if member.id == acting_member_id:
        raise ValidationFailed("You cannot remove yourself: ask another owner.")
    if member.role == Role.OWNER and await repo.count_owners() <= 1:
        raise ValidationFailed("The last owner cannot be removed.")
    await session.delete(member)
    await session.flush()
    return member
