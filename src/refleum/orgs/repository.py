"""All SQL for organizations and API keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from refleum.orgs.models import ApiKey, Organization


class OrgRepository:
    def __init__(self, session: AsyncSession):
        self.session = session

    async def add(self, org: Organization) -> Organization:
        self.session.add(org)
        await self.session.flush()
        return org

    async def get(self, org_id: str) -> Organization | None:
        return await self.session.get(Organization, org_id)

    async def list(self) -> list[Organization]:
        result = await self.session.scalars(select(Organization).order_by(Organization.created_at))
        return list(result)

    async def count(self) -> int:
        return await self.session.scalar(select(func.count()).select_from(Organization)) or 0


class ApiKeyRepository:
    """Keys of one organization; lookup by hash is the only cross-org query (authentication)."""

    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    async def add(self, key: ApiKey) -> ApiKey:
        key.org_id = self.org_id
        self.session.add(key)
        await self.session.flush()
        return key

    async def list(self) -> list[ApiKey]:
        result = await self.session.scalars(
            select(ApiKey).where(ApiKey.org_id == self.org_id).order_by(ApiKey.created_at)
        )
        return list(result)

    async def get(self, key_id: str) -> ApiKey | None:
        """This organization's key, or None: another org's id is as unknown as a made-up one."""
        return await self.session.scalar(
            select(ApiKey).where(ApiKey.org_id == self.org_id, ApiKey.id == key_id)
        )

    @staticmethod
    async def get_any(session: AsyncSession, key_id: str) -> ApiKey | None:
        return await session.get(ApiKey, key_id)

    # One statement authenticates a key and loads its organization and plan: only the
    # columns a request needs, no ORM objects (this runs on every cache miss).
    _HOLDER = (
        select(
            ApiKey.id.label("key_id"),
            ApiKey.expires_at,
            ApiKey.last_used_at,
            Organization.id.label("org_id"),
            Organization.name.label("org_name"),
            Organization.plan,
            Organization.rpm_override,
            Organization.monthly_tailor_override,
            Organization.created_at.label("org_created_at"),
        )
        .join(Organization, Organization.id == ApiKey.org_id)
        .where(ApiKey.revoked_at.is_(None))
    )

    @classmethod
    async def find_live_holder(cls, conn: AsyncConnection, key_hash: str) -> Row | None:
        """The unrevoked key with this hash joined to its organization, or None (expiry is
        the caller's to check: it compares with its own clock on every use)."""
        return (await conn.execute(cls._HOLDER.where(ApiKey.key_hash == key_hash))).first()

    @staticmethod
    async def record_last_used(session: AsyncSession, used: dict[str, datetime]) -> None:
        """``{key_id: when}``; a time never moves a key's last_used_at backwards (another
        process may have written a later one)."""
        for key_id, when in used.items():
            await session.execute(
                update(ApiKey)
                .where(
                    and_(
                        ApiKey.id == key_id,
                        or_(ApiKey.last_used_at.is_(None), ApiKey.last_used_at < when),
                    )
                )
                .values(last_used_at=when)
            )
