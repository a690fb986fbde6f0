from datetime import timedelta

import pytest
from sqlalchemy import select
from tests.orgs.clock import use_clock

from refleum.orgs import service as orgs
from refleum.orgs.models import ApiKey

RESUMES = "/api/v1/resumes"


async def test_missing_key(client):
    response = await client.get(RESUMES)
    assert response.status_code == 401
    assert response.json()["error"] == "MISSING_KEY"


async def test_unknown_key_is_invalid(client):
    response = await client.get(RESUMES, headers={"Authorization": "Bearer sk_live_" + "a" * 40})
    assert response.status_code == 401
    assert response.json()["error"] == "INVALID_KEY"


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer"},
        {"Authorization": "Bearer two tokens"},
        {"x-api-key": "has space"},
    ],
)
async def test_malformed_header_is_unauthorized(client, headers):
    response = await client.get(RESUMES, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "UNAUTHORIZED"


async def test_bearer_and_x_api_key_both_authenticate(client, org):
    assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
    assert (await client.get(RESUMES, headers={"x-api-key": org.key})).status_code == 200


async def test_key_format_and_storage(app, org):
    assert org.key.startswith("sk_live_") and len(org.key) >= len("sk_live_") + 32
    async with app.state.db.sessions() as session:
        stored = await session.scalar(select(ApiKey).where(ApiKey.id == org.key_id))
    # Only the hash and a short prefix are kept: the key itself appears nowhere.
    assert org.key not in (stored.key_hash, stored.display_prefix)
    assert len(stored.key_hash) == 64 and org.key.startswith(stored.display_prefix)


async def test_revoked_key_fails_on_the_very_next_request(client, app, org):
    assert (await client.get(RESUMES, headers=org.headers)).status_code == 200
    async with app.state.db.sessions() as session:
        await orgs.revoke_key(session, org.key_id)
        await session.commit()
    response = await client.get(RESUMES, headers=org.headers)
    assert response.status_code == 401
    assert response.json()["error"] == "INVALID_KEY"


async def _last_used(app, key_id):
    async with app.state.db.sessions() as session:
        return (await session.get(ApiKey, key_id)).last_used_at


async def test_last_used_at_is_recorded_but_not_rewritten_every_request(client, app, org):
    clock = await use_clock(app)
    await client.get(RESUMES, headers=org.headers)
    first = await _last_used(app, org.key_id)
    assert first == clock.wall
    clock.advance(59)
    await client.get(RESUMES, headers=org.headers)
    assert await _last_used(app, org.key_id) == first
    clock.advance(2)  # a minute since the write: the next use is recorded
    await client.get(RESUMES, headers=org.headers)
    assert await _last_used(app, org.key_id) == clock.wall


async def test_a_temporary_key_works_until_it_expires(client, app, org):
    clock = await use_clock(app)
    async with app.state.db.sessions() as session:
        created = await orgs.create_key(
            session, org.org_id, name="playground", expires_in=timedelta(hours=1)
        )
        await session.commit()
    headers = {"Authorization": f"Bearer {created.secret}"}
    assert (await client.get(RESUMES, headers=headers)).status_code == 200
    # Its expiry, not the cache's age, decides: refused at expires_at although still cached.
    clock.wall = created.key.expires_at
    response = await client.get(RESUMES, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "INVALID_KEY"
