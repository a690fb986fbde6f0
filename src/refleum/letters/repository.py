"""All SQL for letters. Bound to one organization: nothing here can reach another org's rows."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.letters.kinds import Kind
from refleum.letters.models import Letter


class LetterRepository:
    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    def _scoped(self, resume_id: str, kind: Kind):
        return select(Letter).where(
            Letter.org_id == self.org_id, Letter.resume_id == resume_id, Letter.kind == kind.value
        )

    async def get(self, resume_id: str, kind: Kind, letter_id: str) -> Letter | None:
        query = self._scoped(resume_id, kind).where(Letter.id == letter_id)
        return await self.session.scalar(query)

    async def list(
        self, resume_id: str, kind: Kind, *, limit: int, offset: int
    ) -> tuple[list[Letter], int]:
        query = self._scoped(resume_id, kind)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(
            query.order_by(Letter.created_at.desc(), Letter.id.desc()).limit(limit).offset(offset)
        )
        return list(rows), total or 0

    async def add(self, letter: Letter) -> Letter:
        letter.org_id = self.org_id
        self.session.add(letter)
        await self.session.flush()
        return letter

    async def delete(self, letter: Letter) -> None:
        await self.session.execute(
            delete(Letter).where(Letter.org_id == self.org_id, Letter.id == letter.id)
        )
