"""Shared fixtures: real databases built from the migrations, an app per test, orgs and keys.

Storage and API tests run on SQLite and on PostgreSQL (`backend` fixture). Each test
session gets its own PostgreSQL database (so parallel runs never collide), and each test
starts from empty tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import text
from tests import services

from refleum import migrate
from refleum.app import create_app
from refleum.config import Settings
from refleum.db import Database
from refleum.models_registry import metadata
from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan

PG_ADMIN_DSN = os.environ.get("REFLEUM_TEST_PG_DSN", "postgresql://127.0.0.1:5432/test")
BACKENDS = os.environ.get("REFLEUM_TEST_BACKENDS", "sqlite,postgres").split(",")
ADMIN_TOKEN = "test-admin-token-0123456789"


def pytest_sessionstart(session: pytest.Session) -> None:
    problem = services.check(BACKENDS, PG_ADMIN_DSN, services.redis_url())
    if problem is not None:
        pytest.exit(problem, returncode=3)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "postgres" not in BACKENDS:
        services.skip_redis_tests_if_down(items, services.redis_url())


def _pg_admin(sql: str) -> None:
    with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
async def migrated_urls(tmp_path_factory) -> AsyncIterator[dict[str, str]]:
    urls: dict[str, str] = {}
    if "sqlite" in BACKENDS:
        path = tmp_path_factory.mktemp("sqlite") / "refleum.db"
        urls["sqlite"] = f"sqlite+aiosqlite:///{path}"
    pg_name = f"refleum_test_{uuid.uuid4().hex[:12]}"
    if "postgres" in BACKENDS:
        _pg_admin(f'CREATE DATABASE "{pg_name}"')
        base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
        urls["postgres"] = f"{base}/{pg_name}"
    for url in urls.values():
        db = Database(url)
        await migrate.upgrade(db.engine)
        await db.dispose()
    yield urls
    if "postgres" in BACKENDS:
        _pg_admin(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


async def _empty_tables(url: str) -> None:
    db = Database(url)
    tables = [t.name for t in reversed(metadata.sorted_tables)]
    async with db.engine.begin() as conn:
        if db.is_sqlite:
            for name in tables:
                await conn.execute(text(f'DELETE FROM "{name}"'))
        else:
            await conn.execute(text("TRUNCATE " + ", ".join(f'"{n}"' for n in tables) + " CASCADE"))
    await db.dispose()


@pytest.fixture
async def db_url(backend: str, migrated_urls: dict[str, str]) -> str:
    await _empty_tables(migrated_urls[backend])
    return migrated_urls[backend]


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=db_url, data_dir=tmp_path, admin_token=ADMIN_TOKEN)


@pytest.fixture
async def app(settings: Settings):
    """The app with its lifespan running; jobs run only when a test drains them."""
    application = create_app(settings, run_jobs=False)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@dataclass
class TestOrg:
    org_id: str
    key_id: str
    key: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@pytest.fixture
def make_org(app):
    """Creates an organization and a key through the service layer, as the CLI does."""

    async def make(name: str = "Acme", plan: Plan = Plan.PRO) -> TestOrg:
        async with app.state.db.sessions() as session:
            org = await orgs.create_org(session, name, plan)
            created = await orgs.create_key(session, org.id)
            await session.commit()
        return TestOrg(org.id, created.key.id, created.secret)

    return make


@pytest.fixture
async def org(make_org) -> TestOrg:
    return await make_org()
