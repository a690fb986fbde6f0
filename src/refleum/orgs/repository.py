"""All SQL for organizations and API keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

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

    @staticmethod
    async def find_by_hash(
        session: AsyncSession, key_hash: str
    ) -> tuple[ApiKey, Organization] | None:
        """The key with this hash and its organization, revoked or not (the caller decides)."""
        row = (
            await session.execute(
                select(ApiKey, Organization)
                .join(Organization, Organization.id == ApiKey.org_id)
                .where(ApiKey.key_hash == key_hash)
            )
        ).first()
        return None if row is None else (row[0], row[1])

    @staticmethod
    async def touch(session: AsyncSession, key_id: str, when: datetime) -> None:
        await session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when))
