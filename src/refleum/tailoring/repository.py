"""All SQL of tailoring: the JD keyword cache. Bound to one organization."""

from __future__ import annotations

import hashlib

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.analysis.job_description import JobKeywords
from refleum.db import utcnow
from refleum.tailoring.models import JobKeywordsCache


def jd_hash(job_description: str) -> str:
    return hashlib.sha256(job_description.strip().encode()).hexdigest()


class KeywordCacheRepository:
    """Keyed by (org, JD hash, engine name): another model's keywords are never reused."""

    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    def _key(self, engine_name: str, job_description: str) -> tuple[str, str, str]:
        return (self.org_id, jd_hash(job_description), engine_name)

    async def get(self, engine_name: str, job_description: str) -> JobKeywords | None:
        row = await self.session.get(JobKeywordsCache, self._key(engine_name, job_description))
        return JobKeywords.model_validate(row.keywords) if row else None

    async def put(self, engine_name: str, job_description: str, found: JobKeywords) -> None:
        """Keeps the first keywords stored for a key; a later run's are not written over."""
        key = self._key(engine_name, job_description)
        if await self.session.get(JobKeywordsCache, key) is not None:
            return
        self.session.add(
            JobKeywordsCache(
                org_id=key[0],
                jd_hash=key[1],
                engine=key[2],
                keywords=found.model_dump(),
                created_at=utcnow(),
            )
        )
