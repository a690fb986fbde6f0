"""What model calls cost, recorded one way for every feature (tailoring, letters, parsing)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.limits.months import month_key
from refleum.limits.repository import UsageRepository
from refleum.llm.repository import LLMCallRepository
from refleum.llm.usage import LLMUsage

Purpose = Literal["tailor", "cover_letter", "outreach", "parse"]


async def record_llm_usage(
    session: AsyncSession,
    org_id: str,
    purpose: Purpose,
    engine_name: str,
    usage: LLMUsage,
    *,
    now: datetime | None = None,
) -> None:
    """One ``LLMCall`` row (what the calls were for, on which provider:model) and the
    org's monthly counter (GET /usage), both as writes of ``session``: they commit with
    the work the calls were made for. Nothing is written when no model was called."""
    if usage.calls == 0:
        return
    LLMCallRepository(session, org_id).add(purpose, engine_name, usage)
    counters = UsageRepository(session, org_id)
    month = month_key(now or utcnow())
    await counters.ensure_row(month)
    await counters.add_llm_usage(month, usage.calls, usage.input_tokens, usage.output_tokens)
