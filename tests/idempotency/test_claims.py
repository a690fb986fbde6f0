"""Claims of a key: in flight, across app instances on one database, failures, expiry."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import timedelta

import httpx
from sqlalchemy import update
from tests.idempotency.support import Probe, count_records, keyed

from refleum.app import create_app
from refleum.db import Database, utcnow
from refleum.idempotency import store
from refleum.idempotency.models import IdempotencyRecord

PROBE = "/api/v1/probe"


@contextlib.asynccontextmanager
async def instance(settings, probe: Probe):
    """One more app process's worth: its own engine and pool, the same database."""
    app = create_app(settings, run_jobs=False)
    app.include_router(probe.router)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


async def test_a_request_still_running_makes_the_same_key_a_409(client, app, org):
    probe = Probe()
    app.include_router(probe.router)
    probe.hold()
    first = asyncio.create_task(client.post(PROBE, headers=keyed(org, "slow"), json={"a": 1}))
    await probe.entered.wait()
    second = await client.post(PROBE, headers=keyed(org, "slow"), json={"a": 1})
    assert second.status_code == 409 and second.json()["error"] == "IDEMPOTENCY_CONFLICT"
    assert "still being processed" in second.json()["detail"]
    probe.release.set()
    assert (await first).status_code == 201
    third = await client.post(PROBE, headers=keyed(org, "slow"), json={"a": 1})
    assert third.headers["idempotent-replayed"] == "true"
    assert third.json() == (await first).json() and probe.runs == 1


async def test_two_app_instances_on_one_database_share_the_keys(settings, org):
    probe = Probe()
    async with instance(settings, probe) as one, instance(settings, probe) as two:
        probe.hold()
        first = asyncio.create_task(one.post(PROBE, headers=keyed(org, "k"), json={"n": 1}))
        await probe.entered.wait()
        busy = await two.post(PROBE, headers=keyed(org, "k"), json={"n": 1})
        assert busy.status_code == 409
        probe.release.set()
        assert (await first).status_code == 201
        replay = await two.post(PROBE, headers=keyed(org, "k"), json={"n": 1})
        assert replay.headers["idempotent-replayed"] == "true"
        assert replay.content == (await first).content
        other = await two.post(PROBE, headers=keyed(org, "k"), json={"n": 2})
        assert other.status_code == 409
    assert probe.runs == 1


async def test_racing_claims_from_two_processes_have_one_winner(settings, org):
    dbs = [Database(settings.effective_database_url) for _ in range(2)]
    try:
        lease = timedelta(minutes=5)
        claims = (store.claim(db, org.org_id, "race", "f" * 64, lease=lease) for db in dbs)
        held = await asyncio.gather(*claims)
    finally:
        for db in dbs:
            await db.dispose()
    assert sorted(isinstance(h, store.Claim) for h in held) == [False, True]


async def test_the_same_json_reserialized_is_the_same_request(client, app, org):
    probe = Probe()
    app.include_router(probe.router)
    compact = b'{"a":1,"b":[1,2]}'
    spaced = b'{ "b": [1, 2],\n  "a": 1 }'
    content = {**keyed(org, "k"), "Content-Type": "application/json"}
    first = await client.post(PROBE, headers=content, content=compact)
    again = await client.post(PROBE, headers=content, content=spaced)
    assert again.headers["idempotent-replayed"] == "true" and again.content == first.content
    changed = await client.post(PROBE, headers=content, content=b'{"a":2,"b":[1,2]}')
    assert changed.status_code == 409 and probe.runs == 1


async def test_a_crash_frees_the_key_and_a_retry_runs_again(client, app, org):
    probe = Probe()
    app.include_router(probe.router)
    probe.fail_with = "crash"
    failed = await client.post(PROBE, headers=keyed(org, "k"), json={})
    assert failed.status_code == 500 and "idempotent-replayed" not in failed.headers
    assert await count_records(app) == 0
    probe.fail_with = None
    retried = await client.post(PROBE, headers=keyed(org, "k"), json={})
    assert retried.status_code == 201 and "idempotent-replayed" not in retried.headers
    assert probe.runs == 2 and await count_records(app) == 1


async def test_an_api_error_from_the_endpoint_is_kept(client, app, org):
    probe = Probe()
    app.include_router(probe.router)
    probe.fail_with = "404"
    first = await client.post(PROBE, headers=keyed(org, "k"), json={})
    probe.fail_with = None
    again = await client.post(PROBE, headers=keyed(org, "k"), json={})
    assert first.status_code == again.status_code == 404 and probe.runs == 1


async def _age(app, **values) -> None:
    async with app.state.db.sessions() as session:
        await session.execute(update(IdempotencyRecord).values(**values))
        await session.commit()


async def test_after_24_hours_the_key_is_new_again(client, app, org):
    probe = Probe()
    app.include_router(probe.router)
    await client.post(PROBE, headers=keyed(org, "k"), json={})
    await _age(app, expires_at=utcnow() - timedelta(seconds=1))
    again = await client.post(PROBE, headers=keyed(org, "k"), json={"changed": True})
    assert again.status_code == 201 and "idempotent-replayed" not in again.headers
    assert probe.runs == 2


async def test_a_claim_abandoned_past_its_lease_is_taken_over(client, app, org):
    probe = Probe()
    app.include_router(probe.router)
    dead = await store.claim(app.state.db, org.org_id, "k", "0" * 64, lease=timedelta(minutes=5))
    assert isinstance(dead, store.Claim)
    assert (await client.post(PROBE, headers=keyed(org, "k"), json={})).status_code == 409
    await _age(app, locked_until=utcnow() - timedelta(seconds=1))
    assert (await client.post(PROBE, headers=keyed(org, "k"), json={})).status_code == 201
    await dead.finish(201, [], b"too late")  # its token no longer owns the row
    replay = await client.post(PROBE, headers=keyed(org, "k"), json={})
    assert replay.json()["data"]["run"] == 1


async def test_expired_records_are_purged(client, app, org):
    probe = Probe()
    app.include_router(probe.router)
    await client.post(PROBE, headers=keyed(org, "old"), json={})
    await _age(app, expires_at=utcnow() - timedelta(seconds=1))
    await client.post(PROBE, headers=keyed(org, "new"), json={})
    await store.purge_expired(app.state.db)
    assert await count_records(app) == 1


async def test_claims_purge_expired_records_now_and_then(client, app, org, monkeypatch):
    probe = Probe()
    app.include_router(probe.router)
    await client.post(PROBE, headers=keyed(org, "old"), json={})
    await _age(app, expires_at=utcnow() - timedelta(seconds=1))
    monkeypatch.setattr(store, "_last_purge", {})  # as if the last purge was long ago
    await client.post(PROBE, headers=keyed(org, "new"), json={})
    assert await count_records(app) == 1


async def test_a_body_nested_too_deep_for_json_is_hashed_as_bytes(client, org):
    deep = b"[" * 100_000 + b"]" * 100_000
    retry_like = "/api/v1/resumes/res_01jdoesnotexist000000000000/retry"
    response = await client.post(retry_like, headers=keyed(org, "deep"), content=deep)
    assert response.status_code == 404
