"""Retry-After is the whole seconds until the next slot frees: 1 to 60, never 61.

CI once answered 61 for a per-minute limit: the reset was computed as ceil(reset) minus
floor(now), so a window resetting 60.0 s from a fractional second (or at 60.0000001 s, by
float arithmetic) told the client to wait past the window."""

from __future__ import annotations

import asyncio
import time

import pytest
from limits.aio.storage import MemoryStorage

from refleum.limits.rate_limiter import RequestLimiter
from refleum.limits.window import WindowAfterHit


class _Window:
    """A window whose next slot frees ``reset_in`` seconds after the hit."""

    def __init__(self, reset_in: float):
        self.reset_in = reset_in

    async def hit(self, _item, _identity) -> WindowAfterHit:
        return WindowAfterHit(allowed=False, remaining=0, reset_time=time.time() + self.reset_in)


@pytest.mark.parametrize(
    ("reset_in", "expected"),
    [(60.0, 60), (60.0000001, 60), (59.2, 60), (30.5, 31), (0.3, 1), (0.0, 1)],
)
async def test_retry_after_rounds_the_exact_wait_up_within_the_window(reset_in, expected):
    limiter = RequestLimiter(MemoryStorage())
    limiter.window = _Window(reset_in)
    status = await limiter.hit("org", "org_1", 1)
    assert not status.allowed
    assert status.retry_after == expected
    assert status.reset_at >= time.time() + status.retry_after - 1


async def test_a_wait_of_exactly_a_minute_from_a_fractional_second_is_60():
    # The case that answered 61: now = N.5, reset = N.5 + 60, reset_at = N + 61.
    await asyncio.sleep((0.5 - time.time() % 1) % 1)  # to the middle of a second
    limiter = RequestLimiter(MemoryStorage())
    limiter.window = _Window(60.0)
    assert (await limiter.hit("org", "org_1", 1)).retry_after == 60
