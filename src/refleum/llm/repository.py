"""SQL for per-organization LLM configuration."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.llm.models import LLMConfig


class LLMConfigRepository:
    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    async def get(self) -> LLMConfig | None:
        return await self.session.get(LLMConfig, self.org_id)

    @staticmethod
    async def all_with_keys(session: AsyncSession) -> list[LLMConfig]:
        """Every stored provider key, across organizations: only for key rotation."""
        rows = await session.scalars(
            select(LLMConfig).where(LLMConfig.api_key_encrypted.is_not(None))
        )
        return list(rows)
