"""The services a full test run needs, checked once before it starts.

With PostgreSQL or Redis down, every storage test would error on its own, hundreds of
tracebacks saying nothing of the cause. Instead the run stops at once with one line
naming what is down and how to run without it.
"""

from __future__ import annotations

import inspect
import os

import psycopg
import pytest
import redis

SQLITE_ONLY = "REFLEUM_TEST_BACKENDS=sqlite make test"


def postgres_down(dsn: str) -> str | None:
    try:
        with psycopg.connect(dsn, connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def redis_down(url: str) -> str | None:
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
        return None
    except redis.RedisError as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    finally:
        client.close()


def check(backends: list[str], pg_dsn: str, redis_url: str) -> str | None:
    """One line naming each service that is down, or None when the run can go ahead."""
    down = []
    if "postgres" in backends and (why := postgres_down(pg_dsn)):
        down.append(f"PostgreSQL ({pg_dsn}) is down: {why}")
    if "postgres" in backends and (why := redis_down(redis_url)):
        down.append(f"Redis ({redis_url}) is down: {why}")
    if not down:
        return None
    return (
        "; ".join(down)
        + f". Start it (REFLEUM_TEST_PG_DSN / REFLEUM_TEST_REDIS_URL point elsewhere), or run "
        f"SQLite only, without PostgreSQL and Redis: {SQLITE_ONLY}"
    )


def uses_redis(item: pytest.Item) -> bool:
    if "[redis" in item.nodeid or "key_prefix" in getattr(item, "fixturenames", ()):
        return True
    function = getattr(item, "function", None)
    try:
        return function is not None and "REDIS_URL" in inspect.getsource(function)
    except (OSError, TypeError):
        return False


def skip_redis_tests_if_down(items: list[pytest.Item], redis_url: str) -> None:
    """SQLite-only runs skip the tests that need a real Redis when there is none."""
    needing = [item for item in items if uses_redis(item)]
    if needing and redis_down(redis_url):
        mark = pytest.mark.skip(reason=f"Redis ({redis_url}) is down; SQLite-only run")
        for item in needing:
            item.add_marker(mark)


def redis_url() -> str:
    return os.environ.get("REFLEUM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
