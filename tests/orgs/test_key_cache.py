"""The authenticated hot path: one query per key lookup, a cache bounded in time, revocation
at once in the revoking process and within the TTL in every other, last_used_at written
after the response (issue #17). Runs on SQLite and PostgreSQL (the ``backend`` fixture)."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import delete, event, update
from tests.conftest import ADMIN_TOKEN
from tests.orgs.clock import FakeClock, use_clock

from refleum.app import create_app
from refleum.db import utcnow
from refleum.orgs import service as orgs
from refleum.orgs.key_cache import Generation, KeyCache
from refleum.orgs.models import ApiKey, Organization
from refleum.orgs.plans import Plan

RESUMES = "/api/v1/resumes"
TTL = 1.0


@contextlib.asynccontextmanager
async def second_process(settings):
    """Another API process on the same database: its own app, engine and cache."""
    other = create_app(settings, run_jobs=False)
    async with other.router.lifespan_context(other):
        transport = httpx.ASGITransport(app=other)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield other, http


class Statements:
    """Every SQL statement an engine runs while recording."""

    def __init__(self, engine):
        self.engine = engine.sync_engine
        self.seen: list[str] = []

    def _record(self, _conn, _cursor, statement, *_args) -> None:
        self.seen.append(statement)

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._record)

    def touching_keys(self) -> list[str]:
        return [s for s in self.seen if "api_keys" in s or "organizations" in s]


async def _fresh_last_used(app, key_id: str) -> None:
    async with app.state.db.sessions() as session:
        await session.execute(
            update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=utcnow())
        )
        await session.commit()


async def test_a_lookup_is_one_query_and_a_cached_key_none(client, app, org):
    await use_clock(app)
    await _fresh_last_used(app, org.key_id)  # no last_used_at write due
    with Statements(app.state.db.engine) as cold:
        assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
    [lookup] = cold.touching_keys()
    assert lookup.lstrip().upper().startswith("SELECT") and "JOIN organizations" in lookup
    with Statements(app.state.db.engine) as warm:
        assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
    assert warm.touching_keys() == []


async def test_revocation_in_this_process_takes_effect_at_once(client, app, org):
    assert (await client.get(RESUMES, headers=org.headers)).status_code == 200  # cached
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    revoked = await client.post(f"/api/v1/admin/keys/{org.key_id}/revoke", headers=admin)
    assert revoked.status_code == 200
    response = await client.get(RESUMES, headers=org.headers)
    assert response.status_code == 401 and response.json()["error"] == "INVALID_KEY"


async def test_a_plan_change_in_this_process_takes_effect_at_once(client, app, org):
    await client.get(RESUMES, headers=org.headers)  # cached as pro
    async with app.state.db.sessions() as session:
        await orgs.update_org(session, org.org_id, plan=Plan.FREE)
        await session.commit()
    response = await client.get("/api/v1/usage", headers=org.headers)
    assert response.json()["data"]["plan"] == "free"


async def test_revocation_elsewhere_takes_effect_within_the_ttl(client, app, settings, org):
    clock = FakeClock()
    async with second_process(settings) as (other, other_client):
        await use_clock(other, clock)
        assert (await other_client.get(RESUMES, headers=org.headers)).status_code == 200
        async with app.state.db.sessions() as session:  # this process revokes
            await orgs.revoke_key(session, org.key_id)
            await session.commit()
        assert (await client.get(RESUMES, headers=org.headers)).status_code == 401
        # The other process may serve its cached lookup, but only until the TTL is up.
        clock.advance(TTL - 0.01)
        assert (await other_client.get(RESUMES, headers=org.headers)).status_code == 200
        clock.advance(0.01)
        response = await other_client.get(RESUMES, headers=org.headers)
        assert response.status_code == 401 and response.json()["error"] == "INVALID_KEY"


async def test_a_deleted_organization_is_refused_within_the_ttl(client, app, settings, org):
    clock = await use_clock(app)
    assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
    async with second_process(settings) as (other, _):
        async with other.state.db.sessions() as session:  # another process deletes it
            await session.execute(delete(ApiKey).where(ApiKey.org_id == org.org_id))
            await session.execute(delete(Organization).where(Organization.id == org.org_id))
            await session.commit()
    clock.advance(TTL)
    response = await client.get(RESUMES, headers=org.headers)
    assert response.status_code == 401 and response.json()["error"] == "INVALID_KEY"


def test_an_entry_ages_from_before_its_query_not_from_when_it_was_stored():
    clock = FakeClock()
    cache = KeyCache(Generation(), ttl_s=TTL, clock=clock.clock())
    stamp = cache.stamp()  # the lookup starts; a revocation may commit while it runs
    clock.advance(0.6)
    cache.put("hash", "holder", stamp)
    assert cache.get("hash") == "holder"
    clock.advance(0.4)  # TTL after the lookup began, 0.4 s after it was stored
    assert cache.get("hash") is None


def test_a_lookup_that_overlapped_a_local_change_is_not_cached():
    generation = Generation()
    cache = KeyCache(generation, ttl_s=TTL, clock=FakeClock().clock())
    stamp = cache.stamp()
    generation.bump()  # this process committed a revocation during the lookup
    cache.put("hash", "holder", stamp)
    assert cache.get("hash") is None


def test_the_ttl_cannot_exceed_the_stated_bound():
    with pytest.raises(ValueError):
        KeyCache(Generation(), ttl_s=2.5, clock=FakeClock().clock())


async def test_last_used_at_is_written_after_the_response(app, org):
    """The write happens once the response has been sent, never inside the request."""
    events: list[str] = []

    async def send(message):
        if message["type"] == "http.response.start":
            events.append("response")

    def on_statement(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("UPDATE API_KEYS"):
            events.append("write")

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": RESUMES,
        "raw_path": RESUMES.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"authorization", f"Bearer {org.key}".encode())],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    engine = app.state.db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", on_statement)
    try:
        await app(scope, receive, send)
    finally:
        event.remove(engine, "before_cursor_execute", on_statement)
    assert events == ["response", "write"]


async def test_uses_by_many_requests_make_one_write_per_minute(client, app, org):
    clock = await use_clock(app)
    with Statements(app.state.db.engine) as sql:
        for _ in range(5):
            assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
        clock.advance(30)
        assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
    writes = [s for s in sql.seen if s.lstrip().upper().startswith("UPDATE API_KEYS")]
    assert len(writes) == 1


async def test_a_later_use_recorded_elsewhere_is_never_moved_back(app, org):
    clock = await use_clock(app)
    later = clock.wall + timedelta(minutes=5)
    async with app.state.db.sessions() as session:
        await session.execute(
            update(ApiKey).where(ApiKey.id == org.key_id).values(last_used_at=later)
        )
        await session.commit()
    recorder = app.state.authenticator.last_used
    assert recorder.note(org.key_id, None)
    await recorder.flush()
    async with app.state.db.sessions() as session:
        assert (await session.get(ApiKey, org.key_id)).last_used_at == later


async def test_concurrent_misses_share_one_lookup(client, app, org):
    await use_clock(app)
    await _fresh_last_used(app, org.key_id)
    with Statements(app.state.db.engine) as sql:
        responses = await asyncio.gather(
            *(client.get(RESUMES, headers=org.headers) for _ in range(8))
        )
    assert {r.status_code for r in responses} == {200}
    assert len(sql.touching_keys()) == 1


async def test_a_key_revoked_while_its_lookup_runs_is_refused(client, app, org):
    """A lookup that began before this process committed a revocation is not served."""
    await use_clock(app)
    authenticator = app.state.authenticator
    lookup = authenticator._lookup

    async def revoke_during_lookup(key_hash):
        found = await lookup(key_hash)  # read while the key was live
        async with app.state.db.sessions() as session:
            await orgs.revoke_key(session, org.key_id)
            await session.commit()
        return found

    authenticator._lookup = revoke_during_lookup
    response = await client.get(RESUMES, headers=org.headers)
    assert response.status_code == 401


async def test_a_lookup_slower_than_the_ttl_answers_the_request_that_waited(client, app, org):
    """Judged against the end of the lookup, a slow database made every lookup too old to
    serve, and the request looked again for ever."""
    clock = await use_clock(app)
    authenticator = app.state.authenticator
    lookup = authenticator._lookup
    lookups = []

    async def slow(key_hash):
        lookups.append(key_hash)
        found = await lookup(key_hash)
        clock.advance(TTL * 2)  # the query took twice the TTL
        return found

    authenticator._lookup = slow
    response = await asyncio.wait_for(client.get(RESUMES, headers=org.headers), 30)
    assert response.status_code == 200
    assert len(lookups) == 1


async def test_a_request_never_joins_a_lookup_begun_a_ttl_before_it_arrived(client, app, org):
    """The cross-process bound, for a request that arrives while an old lookup still runs:
    it looks again rather than take an answer read more than the TTL before it came."""
    clock = await use_clock(app)
    authenticator = app.state.authenticator
    lookup = authenticator._lookup
    first_started, release = asyncio.Event(), asyncio.Event()
    lookups = []

    async def held(key_hash):
        lookups.append(clock.ticks)
        if len(lookups) == 1:
            found = await lookup(key_hash)  # stamped now, at t = 0
            first_started.set()
            await release.wait()
            return found
        return await lookup(key_hash)

    authenticator._lookup = held
    early = asyncio.create_task(client.get(RESUMES, headers=org.headers))
    await first_started.wait()
    clock.advance(TTL * 1.5)
    late = asyncio.create_task(client.get(RESUMES, headers=org.headers))
    await asyncio.sleep(0.05)  # the late request is waiting on the held lookup now
    release.set()
    assert (await early).status_code == 200
    assert (await late).status_code == 200
    assert lookups == [1000.0, 1000.0 + TTL * 1.5]  # the late request's own, begun after it


async def _refreshes_done(app) -> None:
    await asyncio.gather(*list(app.state.authenticator._lookups.values()))


async def test_a_used_key_is_refreshed_ahead_so_no_request_waits_for_a_lookup(client, app, org):
    clock = await use_clock(app)
    await _fresh_last_used(app, org.key_id)
    await client.get(RESUMES, headers=org.headers)  # looked up at t = 0
    clock.advance(TTL * 0.6)
    with Statements(app.state.db.engine) as refresh:
        assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
        await _refreshes_done(app)  # the refresh runs beside the request
    assert len(refresh.touching_keys()) == 1
    clock.advance(TTL * 0.45)  # past the first lookup's TTL, early in the refresh's
    with Statements(app.state.db.engine) as later:
        assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
    assert later.touching_keys() == []


async def test_a_refresh_that_finds_the_key_revoked_ends_its_entry(client, app, settings, org):
    clock = await use_clock(app)
    await client.get(RESUMES, headers=org.headers)
    async with second_process(settings) as (other, _):
        async with other.state.db.sessions() as session:
            await orgs.revoke_key(session, org.key_id)
            await session.commit()
    clock.advance(TTL * 0.6)
    await client.get(RESUMES, headers=org.headers)  # served, and starts the refresh
    await _refreshes_done(app)
    response = await client.get(RESUMES, headers=org.headers)
    assert response.status_code == 401 and response.json()["error"] == "INVALID_KEY"
