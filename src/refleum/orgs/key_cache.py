"""A short-lived, per-process cache of key hash → the key's holder (its organization).

Every keyed request needs its organization; looking it up in the database each time was
the largest cost of a cached GET (issue #17). An entry is served for at most ``ttl_s``
seconds, counted from *before* the query that filled it, so a change committed in any
process (a revoked key, a deleted organization, a new plan) is seen by every process within
``ttl_s``: that is the stated bound (docs/performance.md). A change made through this
process's own engine bumps its generation after the commit, and entries of an older
generation are never served, so in the revoking process revocation takes effect at once.
An expired temporary key is refused at its ``expires_at`` whatever the cache holds.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from refleum.db import utcnow

# The ceiling on the cross-process bound (issue #17: revocation seen everywhere within 2 s).
MAX_TTL_S = 2.0
# Past this many keys the cache starts again empty: a bound on memory, not a policy.
MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Clock:
    """Injected so tests move time instead of sleeping."""

    monotonic: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = utcnow


class Generation:
    """Changes each time this process commits a change that a cached entry may predate."""

    def __init__(self) -> None:
        self.value = 0

    def bump(self) -> None:
        self.value += 1


# One per engine: an engine is one process's (one app's) connection to its database.
_GENERATIONS: weakref.WeakKeyDictionary[Engine, Generation] = weakref.WeakKeyDictionary()
_HOOKED = "refleum.key_cache_hooked"


def generation_for(engine: Engine) -> Generation:
    generation = _GENERATIONS.get(engine)
    if generation is None:
        generation = _GENERATIONS[engine] = Generation()
    return generation


def _bump_after_commit(session: Session) -> None:
    session.info.pop(_HOOKED, None)
    generation_for(session.bind).bump()


def invalidate_on_commit(session: AsyncSession) -> None:
    """Called by whatever changes a key or an organization: this process's cached keys are
    dropped now (a lookup already under way is not cached) and again once ``session``
    commits (a lookup that ran between the two read the old row)."""
    sync = session.sync_session
    generation_for(sync.bind).bump()
    if not sync.info.get(_HOOKED):
        sync.info[_HOOKED] = True
        event.listen(sync, "after_commit", _bump_after_commit, once=True)


@dataclass(frozen=True)
class _Entry:
    holder: object
    fetched_at: float  # monotonic, taken before the query
    generation: int


class KeyCache:
    def __init__(self, generation: Generation, *, ttl_s: float, clock: Clock) -> None:
        if not 0 <= ttl_s <= MAX_TTL_S:
            raise ValueError(f"key cache TTL must be within 0..{MAX_TTL_S} s")
        self.ttl_s = ttl_s
        self.clock = clock
        self._generation = generation
        self._entries: dict[str, _Entry] = {}

    def stamp(self) -> tuple[float, int]:
        """Taken before a lookup, handed back to ``put`` with its result."""
        return self.clock.monotonic(), self._generation.value

    def serves(self, stamp: tuple[float, int], arrived: tuple[float, int]) -> bool:
        """Whether a lookup stamped ``stamp`` may answer a request that arrived at
        ``arrived`` (a ``stamp()`` taken when it did): no change by this process since the
        lookup began, and the lookup began less than the TTL before the request arrived.

        Judged against the request's arrival, not the moment the lookup ends: a lookup
        slower than the TTL (a loaded database) still answers the requests that were
        waiting when it began. Judged against its end, every new lookup would be too old
        as well, and the waiting requests would look again for ever. With the cache off
        (TTL 0) a lookup serves the requests that waited for it."""
        fetched_at, generation = stamp
        if generation != self._generation.value:
            return False
        return self.ttl_s == 0 or fetched_at > arrived[0] - self.ttl_s

    def half_spent(self, key_hash: str) -> bool:
        """Whether the entry has lived half its TTL (time to refresh it ahead)."""
        entry = self._entries.get(key_hash)
        return entry is not None and self.clock.monotonic() - entry.fetched_at >= self.ttl_s / 2

    def get(self, key_hash: str) -> object | None:
        entry = self._entries.get(key_hash)
        if entry is None:
            return None
        if (
            entry.generation != self._generation.value
            or self.clock.monotonic() - entry.fetched_at >= self.ttl_s
        ):
            self._entries.pop(key_hash, None)
            return None
        return entry.holder

    def put(self, key_hash: str, holder: object, stamp: tuple[float, int]) -> None:
        fetched_at, generation = stamp
        if self.ttl_s == 0 or generation != self._generation.value:
            return
        if len(self._entries) >= MAX_ENTRIES:
            self._entries.clear()
        self._entries[key_hash] = _Entry(holder, fetched_at, generation)

    def drop(self, key_hash: str) -> None:
        self._entries.pop(key_hash, None)
