"""A clock tests move by hand, put into an app's authenticator (key cache and last_used)."""

from __future__ import annotations

from datetime import timedelta

from refleum.db import utcnow
from refleum.orgs.authenticator import Authenticator
from refleum.orgs.key_cache import Clock


class FakeClock:
    def __init__(self) -> None:
        self.ticks = 1000.0
        self.wall = utcnow()

    def advance(self, seconds: float) -> None:
        self.ticks += seconds
        self.wall += timedelta(seconds=seconds)

    def clock(self) -> Clock:
        return Clock(monotonic=lambda: self.ticks, now=lambda: self.wall)


async def use_clock(app, clock: FakeClock | None = None) -> FakeClock:
    """Replaces the app's authenticator by one on ``clock`` (same database, same TTL)."""
    clock = clock or FakeClock()
    old = app.state.authenticator
    await old.last_used.stop()
    app.state.authenticator = Authenticator(
        app.state.db, ttl_s=old.cache.ttl_s, clock=clock.clock()
    )
    return clock
