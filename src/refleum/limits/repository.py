"""All SQL for usage counters; bound to one organization like every repository."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.limits.models import UsageCounter

_C = UsageCounter
# Never below zero: a call that outlived its lease may end after its slot was reclaimed.
_one_less = case((_C.tailor_reserved > 0, _C.tailor_reserved - 1), else_=0)


class UsageRepository:
    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    def _this(self, month: str):
        return (_C.org_id == self.org_id) & (_C.month == month)

    async def get(self, month: str) -> UsageCounter | None:
        return await self.session.scalar(select(_C).where(self._this(month)))

    async def ensure_row(self, month: str) -> None:
        """Creates the month's row unless it exists; safe when many callers race to do it."""
        dialect = postgresql if self.session.bind.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(_C).values(
            org_id=self.org_id,
            month=month,
            tailor_used=0,
            tailor_reserved=0,
            llm_calls=0,
            input_tokens=0,
            output_tokens=0,
            updated_at=utcnow(),
        )
        await self.session.execute(statement.on_conflict_do_nothing())

    async def reserve_tailor(
        self, month: str, quota: int | None, now: datetime, hold_until: datetime
    ) -> bool:
        """One atomic conditional increment: True when a slot below the quota was taken."""
        # Reservations whose holders are all past their lease are leftovers of dead calls.
        live = case((_C.tailor_reserved_until < now, 0), else_=_C.tailor_reserved)
        condition = self._this(month)
        if quota is not None:
            condition = condition & (_C.tailor_used + live < quota)
        taken = await self._update(
            condition, tailor_reserved=live + 1, tailor_reserved_until=hold_until
        )
        return taken == 1

    async def commit_tailor(self, month: str) -> None:
        await self._update(
            self._this(month), tailor_reserved=_one_less, tailor_used=_C.tailor_used + 1
        )

    async def release_tailor(self, month: str) -> None:
        await self._update(self._this(month), tailor_reserved=_one_less)

    async def add_llm_usage(
        self, month: str, calls: int, input_tokens: int, output_tokens: int
    ) -> None:
        await self._update(
            self._this(month),
            llm_calls=_C.llm_calls + calls,
            input_tokens=_C.input_tokens + input_tokens,
            output_tokens=_C.output_tokens + output_tokens,
        )

    async def _update(self, condition, **values) -> int:
        result = await self.session.execute(
            update(_C)
            .where(condition)
            .values(**values, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return result.rowcount
