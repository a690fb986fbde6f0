"""Requests per minute with the `limits` library's sliding-window counter.

One ``RequestLimiter`` per process. Its storage is in-process memory by default; with
``REFLEUM_REDIS_URL`` every process counts in the same Redis, so a limit holds across them.
When Redis cannot be reached the limiter fails open (or closed, if configured): a
request is never left hanging on the counter.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits.aio.storage import MemoryStorage, Storage
from limits.errors import StorageError
from limits.limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from refleum.config import Settings
from refleum.limits.window import AtomicSlidingWindow

log = logging.getLogger("refleum.limits")

# Every request limit is per minute (RateLimitItemPerMinute).
WINDOW_S = 60


@dataclass(frozen=True)
class RateLimitStatus:
    """What a client is told in the X-RateLimit-* headers."""

    limit: int
    remaining: int
    reset_at: int  # unix seconds
    allowed: bool
    retry_after: int = 1  # whole seconds until the next slot frees, 1..60

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_at),
        }


class LimiterUnavailable(Exception):
    """The shared counter could not be reached and the limiter is configured to fail closed."""


def redis_storage(settings: Settings) -> Storage:
    url = settings.redis_url or ""
    scheme, _, rest = url.partition("://")
    return storage_from_string(
        f"async+{scheme}://{rest}",
        implementation="redispy",
        key_prefix=settings.redis_key_prefix,
        wrap_exceptions=True,
        socket_connect_timeout=settings.redis_timeout_s,
        socket_timeout=settings.redis_timeout_s,
        # One immediate retry reconnects a pooled connection Redis dropped; redis-py's
        # default (backoff up to seconds) would stall every request while Redis is down.
        retry=Retry(NoBackoff(), 1),
    )


async def close_storage(storage: Storage) -> None:
    """Disconnects a Redis storage's pooled connections (memory storage holds none).

    `limits` hands redis-py a pool it made itself, so the client's own close leaves that
    pool's connections open unless told to close the pool too.
    """
    bridge = getattr(storage, "bridge", None)
    connection = getattr(bridge, "storage", None)
    if connection is not None:
        await connection.aclose(close_connection_pool=True)


class RequestLimiter:
    def __init__(self, storage: Storage, *, fail_closed: bool = False, uses_redis: bool = False):
        self.storage = storage
        self.window = AtomicSlidingWindow(storage)
        self.fail_closed = fail_closed
        self.uses_redis = uses_redis
        self._outage = False
        # The sliding-window calls of `limits` pass Redis errors through unwrapped.
        self._storage_errors: tuple[type[Exception], ...] = (
            (StorageError, RedisError, OSError) if uses_redis else (StorageError,)
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> RequestLimiter:
        if settings.redis_url:
            return cls(
                redis_storage(settings),
                fail_closed=settings.rate_limit_fail_closed,
                uses_redis=True,
            )
        return cls(MemoryStorage())

    async def hit(self, scope: str, identity: str, per_minute: int) -> RateLimitStatus:
        """Counts one request of ``identity`` (an org id or a client address) in ``scope``."""
        item = RateLimitItemPerMinute(per_minute, namespace=scope)
        try:
            # One step, so concurrent requests never read each other's counts.
            after = await self.window.hit(item, identity)
        except self._storage_errors as exc:
            return self._unreachable(per_minute, exc)
        self._recovered()
        now = time.time()
        # To the millisecond first: the window's float arithmetic puts a reset exactly a
        # minute away at 60.0000001 s, and ceil made that a 61 s wait, past the window.
        reset_time = round(after.reset_time, 3)
        reset_at = math.ceil(reset_time)
        if after.remaining < per_minute or not after.allowed:
            # Something is counted, so the next slot frees strictly later than now.
            reset_at = max(reset_at, math.floor(now) + 1)
        # From the exact reset, not from reset_at: a window that resets 60.0 s from
        # 100.3 s has reset_at 161, and 161 - 100 would be 61.
        retry_after = min(WINDOW_S, max(1, math.ceil(round(reset_time - now, 3))))
        return RateLimitStatus(per_minute, after.remaining, reset_at, after.allowed, retry_after)

    async def is_healthy(self) -> bool:
        return await self.storage.check()

    async def close(self) -> None:
        await close_storage(self.storage)

    def _unreachable(self, per_minute: int, exc: Exception) -> RateLimitStatus:
        if not self._outage:
            # Once per outage: a down Redis must not turn every request into a log line.
            log.warning(
                "rate-limit storage unreachable (%s); failing %s",
                exc,
                "closed" if self.fail_closed else "open",
            )
            self._outage = True
        if self.fail_closed:
            raise LimiterUnavailable() from exc
        return RateLimitStatus(per_minute, per_minute, math.floor(time.time()), allowed=True)

    def _recovered(self) -> None:
        if self._outage:
            log.warning("rate-limit storage reachable again; counting requests")
            self._outage = False
