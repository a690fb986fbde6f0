"""SQL of the per-organization model configuration: scoped to one organization."""

from __future__ import annotations

import pytest

from refleum.llm.repository import LLMConfigRepository
from refleum.llm.service import default_config


async def test_add_stages_the_organizations_row_and_get_reads_it_back(app, make_org):
    org = await make_org()
    async with app.state.db.sessions() as session:
        repo = LLMConfigRepository(session, org.org_id)
        assert await repo.get() is None
        repo.add(default_config(org.org_id))
        await session.commit()
    async with app.state.db.sessions() as session:
        stored = await LLMConfigRepository(session, org.org_id).get()
        assert stored is not None and stored.org_id == org.org_id


async def test_add_refuses_another_organizations_row(app, make_org):
    ours, theirs = await make_org("Ours"), await make_org("Theirs")
    async with app.state.db.sessions() as session:
        with pytest.raises(ValueError, match="another organization"):
            LLMConfigRepository(session, ours.org_id).add(default_config(theirs.org_id))
        await session.commit()
    async with app.state.db.sessions() as session:
        assert await LLMConfigRepository(session, theirs.org_id).get() is None
