"""Failed sign-ins are throttled per account and per client address."""

from __future__ import annotations

import logging
import uuid

from limits.aio.storage import MemoryStorage
from limits.limits import RateLimitItemPerMinute
from tests.limits.support import REDIS_URL
from tests.web.auth_helpers import PASSWORD, member_with_password, sign_in

from refleum.config import Settings
from refleum.web.sessions import COOKIE_NAME
from refleum.web.throttle import SignInThrottle


def _assert_throttled(response) -> None:
    assert response.status_code == 429
    assert "Wait 15 minutes" in response.text
    assert COOKIE_NAME not in response.headers.get("set-cookie", "")


async def test_five_failures_lock_the_account_even_for_the_right_password(app, client, org):
    await member_with_password(app, org.org_id, "ann@example.com")
    for _ in range(5):
        assert (await sign_in(client, "ann@example.com", "wrong password")).status_code == 401
    _assert_throttled(await sign_in(client, "ann@example.com", PASSWORD))
    _assert_throttled(await sign_in(client, "ANN@example.com ", PASSWORD))


async def test_an_unknown_account_is_throttled_the_same_way(app, client, org):
    for _ in range(5):
        assert (await sign_in(client, "nobody@example.com", "wrong password")).status_code == 401
    _assert_throttled(await sign_in(client, "nobody@example.com", "wrong password"))


async def test_one_accounts_failures_do_not_lock_another(app, client, org):
    await member_with_password(app, org.org_id, "bob@example.com")
    for _ in range(5):
        await sign_in(client, "ann@example.com", "wrong password")
    assert (await sign_in(client, "bob@example.com", PASSWORD)).status_code == 303


async def test_one_address_trying_many_accounts_is_throttled(app, client, org):
    app.state.signin_throttle = SignInThrottle(
        MemoryStorage(), per_address=RateLimitItemPerMinute(3, 15, namespace="address-test")
    )
    await member_with_password(app, org.org_id, "ann@example.com")
    for n in range(3):
        assert (await sign_in(client, f"user{n}@example.com", "wrong password")).status_code == 401
    _assert_throttled(await sign_in(client, "ann@example.com", PASSWORD))


async def test_successful_sign_ins_are_not_counted(app, client, org):
    await member_with_password(app, org.org_id, "ann@example.com")
    for _ in range(6):
        assert (await sign_in(client, "ann@example.com", PASSWORD)).status_code == 303


async def test_an_unreachable_redis_fails_open(caplog):
    settings = Settings(redis_url="redis://127.0.0.1:1/0", redis_timeout_s=0.2)
    throttle = SignInThrottle.from_settings(settings)
    with caplog.at_level(logging.WARNING, logger="refleum.web.throttle"):
        for _ in range(7):
            await throttle.failed("ann@example.com", "10.0.0.1")
        assert await throttle.allows("ann@example.com", "10.0.0.1")
    assert len([r for r in caplog.records if "failing open" in r.message]) == 1


async def test_with_redis_two_processes_share_one_count_and_close_their_pools():
    """Two throttles on one Redis (as two API processes would be) see each other's failures."""
    settings = Settings(redis_url=REDIS_URL, redis_key_prefix=f"throttle-{uuid.uuid4().hex}")
    first, second = SignInThrottle.from_settings(settings), SignInThrottle.from_settings(settings)
    try:
        for throttle in (first, second, first, second, first):
            await throttle.failed("ann@example.com", "10.0.0.1")
        assert not await second.allows("ann@example.com", "10.0.0.2")
        assert await second.allows("bob@example.com", "10.0.0.2")
    finally:
        for throttle in (first, second):
            await throttle.close()
    pool = first.storage.bridge.storage.connection_pool
    assert pool._available_connections and not any(
        connection.is_connected for connection in pool._available_connections
    )
