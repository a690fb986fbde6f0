"""All SQL for resumes. Bound to one organization: nothing here can reach another org's rows."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.resumes.models import Resume, ResumeFile


class ResumeRepository:
    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    def _scoped(self):
        return select(Resume).where(Resume.org_id == self.org_id)

    async def get(self, resume_id: str) -> Resume | None:
        return await self.session.scalar(self._scoped().where(Resume.id == resume_id))

    async def master(self) -> Resume | None:
        return await self.session.scalar(self._scoped().where(Resume.is_master.is_(True)))

    async def list(
        self, *, include_master: bool, limit: int, offset: int
    ) -> tuple[list[Resume], int]:
        query = self._scoped()
        if not include_master:
            query = query.where(Resume.is_master.is_(False))
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(
            query.order_by(Resume.updated_at.desc(), Resume.id.desc()).limit(limit).offset(offset)
        )
        return list(rows), total or 0

    async def add(self, resume: Resume, file: ResumeFile | None = None) -> Resume:
        resume.org_id = self.org_id
        self.session.add(resume)
        if file is not None:
            file.resume_id = resume.id
            self.session.add(file)
        await self.session.flush()
        return resume

    async def clear_master(self) -> None:
        await self.session.execute(
            update(Resume)
            .where(Resume.org_id == self.org_id, Resume.is_master.is_(True))
            .values(is_master=False)
        )

    async def newest_original(self, excluding: str) -> Resume | None:
        return await self.session.scalar(
            self._scoped()
            .where(Resume.parent_id.is_(None), Resume.truth_data.is_(None), Resume.id != excluding)
            .order_by(Resume.updated_at.desc())
            .limit(1)
        )

    async def file(self, resume_id: str) -> ResumeFile | None:
        return await self.session.scalar(
            select(ResumeFile)
            .join(Resume, Resume.id == ResumeFile.resume_id)
            .where(Resume.org_id == self.org_id, ResumeFile.resume_id == resume_id)
        )

    async def delete(self, resume: Resume) -> None:
        await self.session.execute(
            delete(Resume).where(Resume.org_id == self.org_id, Resume.id == resume.id)
        )
