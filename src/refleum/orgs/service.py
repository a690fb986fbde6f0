"""Organization and API key rules. Takes a session; never commits (the caller does)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.errors import NotFound, ValidationFailed
from refleum.ids import new_id
from refleum.orgs.key_cache import invalidate_on_commit
from refleum.orgs.keys import display_prefix, generate_key, hash_key
from refleum.orgs.models import ApiKey, Organization
from refleum.orgs.plans import Plan
from refleum.orgs.repository import ApiKeyRepository, OrgRepository


@dataclass(frozen=True)
class CreatedKey:
    key: ApiKey
    secret: str  # shown once, never stored


async def create_org(session: AsyncSession, name: str, plan: Plan = Plan.FREE) -> Organization:
    return await OrgRepository(session).add(Organization(id=new_id("org"), name=name, plan=plan))


async def get_org(session: AsyncSession, org_id: str) -> Organization:
    org = await OrgRepository(session).get(org_id)
    if org is None:
        raise NotFound("organization")
    return org


async def list_orgs(session: AsyncSession) -> list[Organization]:
    return await OrgRepository(session).list()


UNCHANGED: Any = object()


async def update_org(
    session: AsyncSession,
    org_id: str,
    *,
    plan: Plan | None = None,
    rpm_override: int | None = UNCHANGED,
    monthly_tailor_override: int | None = UNCHANGED,
) -> Organization:
    """Plan and Enterprise overrides. ``None`` clears an override (back to the plan's figure).

    Overrides are an Enterprise feature: setting one on another plan is refused, and a
    move off Enterprise drops them so they cannot come back silently later.
    """
    org = await get_org(session, org_id)
    invalidate_on_commit(session)  # cached keys carry the plan and its overrides
    if plan is not None:
        org.plan = plan
    if org.plan != Plan.ENTERPRISE:
        if any(v not in (UNCHANGED, None) for v in (rpm_override, monthly_tailor_override)):
            raise ValidationFailed("Custom rate limits and quotas need the enterprise plan")
        rpm_override = monthly_tailor_override = None
    if rpm_override is not UNCHANGED:
        org.rpm_override = rpm_override
    if monthly_tailor_override is not UNCHANGED:
        org.monthly_tailor_override = monthly_tailor_override
    await session.flush()
    return org


async def create_key(
    session: AsyncSession,
    org_id: str,
    *,
    name: str | None = None,
    expires_in: timedelta | None = None,
) -> CreatedKey:
    """A new key; ``expires_in`` makes a temporary one, refused once that time has passed."""
    await get_org(session, org_id)
    secret = generate_key()
    key = ApiKey(
        id=new_id("key"),
        key_hash=hash_key(secret),
        display_prefix=display_prefix(secret),
        name=name,
        expires_at=utcnow() + expires_in if expires_in is not None else None,
    )
    await ApiKeyRepository(session, org_id).add(key)
    return CreatedKey(key=key, secret=secret)


async def list_keys(session: AsyncSession, org_id: str) -> list[ApiKey]:
    await get_org(session, org_id)
    return await ApiKeyRepository(session, org_id).list()


async def revoke_key(session: AsyncSession, key_id: str) -> ApiKey:
    key = await ApiKeyRepository.get_any(session, key_id)
    if key is None:
        raise NotFound("API key")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        invalidate_on_commit(session)
    return key


async def revoke_org_key(session: AsyncSession, org_id: str, key_id: str) -> ApiKey:
    """``revoke_key`` for a caller acting inside one organization (the dashboard):
    another organization's key id is NotFound, never revoked."""
    key = await ApiKeyRepository(session, org_id).get(key_id)
    if key is None:
        raise NotFound("API key")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        invalidate_on_commit(session)
    return key


async def bootstrap_dev_org(session: AsyncSession) -> CreatedKey | None:
    """First start with an empty database: a development org (plan pro) and its key."""
    if await OrgRepository(session).count() > 0:
        return None
    org = await create_org(session, "Development", Plan.PRO)
    return await create_key(session, org.id)
