"""All SQL for resumes. Bound to one organization: nothing here can reach another org's rows."""

from __future__ import annotations

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.resumes.models import PdfCache, Resume, ResumeFile


async def find_for_public_pdf(session: AsyncSession, resume_id: str) -> Resume | None:
    """A resume by id alone, for ``GET /resumes/{id}/pdf`` only.

    The one deliberate exception to org scoping (ResumeRepository): the contract makes that
    endpoint public for tailored resumes, with the unguessable id (80 random bits) as the
    secret; the endpoint itself checks the key for an uploaded original (exports.py).
    """
    return await session.scalar(select(Resume).where(Resume.id == resume_id))


class PdfCacheRepository:
    """Rendered PDFs of one organization's resumes (scoped through the resume's org)."""

    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    def _ours(self):
        return PdfCache.resume_id.in_(select(Resume.id).where(Resume.org_id == self.org_id))

    async def get(self, resume: Resume, template: str, page_size: str) -> bytes | None:
        return await self.session.scalar(
            select(PdfCache.data).where(
                self._ours(),
                PdfCache.resume_id == resume.id,
                PdfCache.content_version == resume.content_version,
                PdfCache.template == template,
                PdfCache.page_size == page_size,
            )
        )

    async def store(self, resume: Resume, template: str, page_size: str, data: bytes) -> None:
        """Keep a render; a concurrent request that stored the same key first wins quietly."""
        if resume.org_id != self.org_id:
            raise ValueError("resume of another organization")
        await self.session.execute(
            delete(PdfCache)
            .where(
                self._ours(),
                PdfCache.resume_id == resume.id,
                PdfCache.content_version < resume.content_version,
            )
            .execution_options(synchronize_session=False)
        )
        insert = pg_insert if self.session.bind.dialect.name == "postgresql" else sqlite_insert
        await self.session.execute(
            insert(PdfCache)
            .values(
                resume_id=resume.id,
                content_version=resume.content_version,
                template=template,
                page_size=page_size,
                data=data,
                created_at=utcnow(),
            )
            .on_conflict_do_nothing()
        )


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
