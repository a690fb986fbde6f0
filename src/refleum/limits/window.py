"""One sliding-window hit that also returns the window it left, as a single atomic step.

The `limits` library counts a hit and reads the window in two calls; between them other
requests can count theirs, so concurrent responses repeated the same
X-RateLimit-Remaining. Here the hit and the read are one step: a Lua script on Redis
(atomic across every process sharing it), and a lock around both calls in memory (the
in-process storage is only ever shared within this process).
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from typing import Any

from limits.aio.storage import RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from limits.limits import RateLimitItem

# The library's acquire_sliding_window.lua, plus the window's state after the hit.
# TTLs are in milliseconds; KEYS[1] is the previous window, KEYS[2] the current one.
HIT_AND_READ = """
local limit = tonumber(ARGV[1])
local expiry = tonumber(ARGV[2]) * 1000
local amount = tonumber(ARGV[3])

local current_ttl = tonumber(redis.call('pttl', KEYS[2]))
if current_ttl > 0 and current_ttl < expiry then
    redis.call('rename', KEYS[2], KEYS[1])
    redis.call('set', KEYS[2], 0, 'PX', current_ttl + expiry)
end

local function window()
    local previous = tonumber(redis.call('get', KEYS[1])) or 0
    local previous_ttl = math.max(tonumber(redis.call('pttl', KEYS[1])) or 0, 0)
    local current = tonumber(redis.call('get', KEYS[2])) or 0
    local ttl = math.max(tonumber(redis.call('pttl', KEYS[2])) or 0, 0)
    return previous, previous_ttl, current, ttl
end

local previous, previous_ttl, current, ttl = window()
local weighted = math.floor(previous * previous_ttl / expiry) + current
local acquired = 0
if amount <= limit and weighted + amount <= limit then
    if redis.call('exists', KEYS[2]) == 1 then
        redis.call('incrby', KEYS[2], amount)
    else
        redis.call('set', KEYS[2], amount, 'PX', expiry * 2)
    end
    acquired = 1
    previous, previous_ttl, current, ttl = window()
end
return {acquired, previous, previous_ttl, current, ttl}
"""


@dataclass(frozen=True)
class WindowAfterHit:
    allowed: bool
    remaining: int
    reset_time: float  # unix seconds, as `limits` reports it


def _after_hit(item: RateLimitItem, allowed: bool, state: list[Any]) -> WindowAfterHit:
    """Remaining and reset from the raw window, by the formula of `get_window_stats`."""
    previous, previous_ttl_ms, current, ttl_ms = (int(v or 0) for v in state)
    expiry = item.get_expiry()
    previous_expires_in, current_expires_in = previous_ttl_ms / 1000, ttl_ms / 1000
    weighted = previous * previous_expires_in / expiry + current
    remaining = max(0, item.amount - math.floor(weighted))
    now = time.time()
    if not (previous or current):
        return WindowAfterHit(allowed, remaining, now)
    previous_reset_in = previous_expires_in % (expiry / previous) if previous else math.inf
    current_reset_in = current_expires_in % expiry if current else math.inf
    return WindowAfterHit(allowed, remaining, now + min(previous_reset_in, current_reset_in))


class AtomicSlidingWindow:
    def __init__(self, storage: Storage):
        self.storage = storage
        self.strategy = SlidingWindowCounterRateLimiter(storage)
        self._lock = asyncio.Lock()
        self._script: Any = None

    async def hit(self, item: RateLimitItem, identity: str) -> WindowAfterHit:
        if isinstance(self.storage, RedisStorage):
            return await self._redis_hit(item, identity)
        async with self._lock:
            allowed = await self.strategy.hit(item, identity)
            stats = await self.strategy.get_window_stats(item, identity)
        return WindowAfterHit(allowed, stats.remaining, stats.reset_time)

    async def _redis_hit(self, item: RateLimitItem, identity: str) -> WindowAfterHit:
        storage: Any = self.storage
        bridge = storage.bridge
        if self._script is None:
            self._script = bridge.get_connection().register_script(HIT_AND_READ)
        key = item.key_for(identity)
        # The same keys the library uses, so `limits` tools (clear, stats) still see them.
        keys = [
            bridge.prefixed_key(storage._previous_window_key(key)),
            bridge.prefixed_key(storage._current_window_key(key)),
        ]
        acquired, *state = await self._script(keys, [item.amount, item.get_expiry(), 1])
        return _after_hit(item, bool(acquired), state)
