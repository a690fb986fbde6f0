"""SQL for per-organization LLM configuration and the record of model calls."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.ids import new_id
from refleum.llm.models import LLMCall, LLMConfig
from refleum.llm.usage import LLMUsage


class LLMConfigRepository:
    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    async def get(self) -> LLMConfig | None:
        return await self.session.get(LLMConfig, self.org_id)

    def add(self, config: LLMConfig) -> LLMConfig:
        """Stage a new organization's configuration row (committed with the request)."""
        if config.org_id != self.org_id:
            raise ValueError("configuration of another organization")
        self.session.add(config)
        return config

    @staticmethod
    async def all_with_keys(session: AsyncSession) -> list[LLMConfig]:
        """Every stored provider key, across organizations: only for key rotation."""
        rows = await session.scalars(
            select(LLMConfig).where(LLMConfig.api_key_encrypted.is_not(None))
        )
        return list(rows)


class LLMCallRepository:
    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    def add(self, purpose: str, engine_name: str, usage: LLMUsage) -> LLMCall:
        provider, _, model = engine_name.partition(":")
        call = LLMCall(
            id=new_id("llm"),
            org_id=self.org_id,
            purpose=purpose,
            provider=provider,
            model=model,
            calls=usage.calls,
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            created_at=utcnow(),
        )
        self.session.add(call)
        return call
