"""Who is calling: a request's API key → the key's holder, cached briefly (key_cache)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime

from refleum.db import Database
from refleum.errors import InvalidKey
from refleum.orgs.key_cache import Clock, KeyCache, generation_for
from refleum.orgs.keys import hash_key
from refleum.orgs.last_used import LastUsedRecorder
from refleum.orgs.models import Organization
from refleum.orgs.repository import ApiKeyRepository


@dataclass(frozen=True)
class KeyHolder:
    """An unrevoked key and its organization as read at one moment: immutable, so one
    cached value can serve concurrent requests."""

    key_id: str
    expires_at: datetime | None
    last_used_at: datetime | None
    org_id: str
    org_name: str
    plan: str
    rpm_override: int | None
    monthly_tailor_override: int | None
    org_created_at: datetime

    def organization(self) -> Organization:
        """A fresh detached copy per request: no request can change what another sees."""
        return Organization(
            id=self.org_id,
            name=self.org_name,
            plan=self.plan,
            rpm_override=self.rpm_override,
            monthly_tailor_override=self.monthly_tailor_override,
            created_at=self.org_created_at,
        )


class Authenticator:
    def __init__(self, db: Database, *, ttl_s: float, clock: Clock | None = None) -> None:
        self.db = db
        self.clock = clock or Clock()
        self.cache = KeyCache(generation_for(db.engine.sync_engine), ttl_s=ttl_s, clock=self.clock)
        self.last_used = LastUsedRecorder(db, lambda: self.clock.now())
        # Lookups under way, by key hash: when an entry expires under load, every request
        # with that key misses at once; they share one query instead of each running one.
        self._lookups: dict[str, asyncio.Task] = {}

    async def holder(self, secret: str) -> KeyHolder:
        """The key's holder, or InvalidKey (unknown, revoked, expired, organization gone)."""
        key_hash = hash_key(secret)
        holder = self.cache.get(key_hash)
        if holder is not None and self.cache.half_spent(key_hash):
            # Refreshed ahead, while the entry is still good: under steady traffic no
            # request waits for a lookup once the first one is done.
            self._start_lookup(key_hash)
        if holder is None:
            holder = await self._looked_up(key_hash)
        if holder.expires_at is not None and holder.expires_at <= self.clock.now():
            self.cache.drop(key_hash)
            raise InvalidKey()
        return holder

    async def _looked_up(self, key_hash: str) -> KeyHolder:
        arrived = self.cache.stamp()
        while True:
            found, stamp = await asyncio.shield(self._start_lookup(key_hash))
            if self.cache.serves(stamp, arrived):
                if found is None:
                    raise InvalidKey()
                return found
            # This process changed keys while that lookup ran, or this request joined a
            # lookup begun more than the TTL before it arrived: look again. The next
            # lookup begins after this one ended, so after the request arrived.

    def _start_lookup(self, key_hash: str) -> asyncio.Task:
        """The lookup under way for this key, started if there is none."""
        lookup = self._lookups.get(key_hash)
        if lookup is None:
            lookup = self._lookups[key_hash] = asyncio.ensure_future(self._lookup(key_hash))
            lookup.add_done_callback(lambda _: self._lookups.pop(key_hash, None))
            # A refresh nobody awaits must not log "exception never retrieved".
            lookup.add_done_callback(lambda task: task.cancelled() or task.exception())
        return lookup

    async def _lookup(self, key_hash: str) -> tuple[KeyHolder | None, tuple[float, int]]:
        # Its own short connection, not the request's session: a cache miss must not
        # leave a transaction open through the endpoint's slow work.
        async with self.db.engine.connect() as conn:
            # Stamped once the connection is ours: the read happens after this instant, and
            # time spent queuing for the pool under load does not eat into the entry's life.
            stamp = self.cache.stamp()
            row = await ApiKeyRepository.find_live_holder(conn, key_hash)
        holder = None if row is None else KeyHolder(**row._mapping)
        if holder is not None:
            self.cache.put(key_hash, holder, stamp)
        else:
            self.cache.drop(key_hash)  # revoked or gone: a refresh ends the entry at once
        return holder, stamp
