"""The migrations are the schema: they must build exactly what the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from refleum.db import Database
from refleum.models_registry import metadata


async def test_migrated_schema_matches_the_models(db_url):
    db = Database(db_url)

    def diff(connection):
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)

    async with db.engine.connect() as conn:
        differences = await conn.run_sync(diff)
    await db.dispose()
    assert differences == []
