"""/api/v1/webhooks: create (secret once), list, get, change, delete, test ping; bad input
is refused with nothing stored, and another organization's endpoints are not found."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from standardwebhooks import Webhook
from tests.letters.samples import JD, ready_resume
from tests.webhooks.conftest import create_hook

from refleum.webhooks.models import WebhookEndpoint

URL = "https://hooks.example.com/refleum"


async def endpoint_count(app) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(WebhookEndpoint))


async def test_the_secret_is_shown_once_and_stored_encrypted(client, app, org):
    hook = await create_hook(client, org, URL, ["resume.parsed"], description="ATS")
    assert hook["secret"].startswith("whsec_")
    Webhook(hook["secret"])  # the library accepts it
    assert hook["id"].startswith("whk_") and hook["enabled"] is True
    assert hook["description"] == "ATS" and hook["events"] == ["resume.parsed"]
    got = (await client.get(f"/api/v1/webhooks/{hook['id']}", headers=org.headers)).json()
    listed = (await client.get("/api/v1/webhooks", headers=org.headers)).json()
    assert "secret" not in got["data"] and "secret" not in listed["data"][0]
    async with app.state.db.sessions() as session:
        stored = await session.scalar(select(WebhookEndpoint))
    assert hook["secret"] not in stored.secret_encrypted
    assert app.state.secrets.decrypt(stored.secret_encrypted) == hook["secret"]


async def test_patch_changes_what_is_given(client, org):
    hook = await create_hook(client, org, URL, ["resume.parsed"])
    response = await client.patch(
        f"/api/v1/webhooks/{hook['id']}",
        headers=org.headers,
        json={"events": ["tailor.failed", "tailor.completed"], "url": URL + "/v2"},
    )
    data = response.json()["data"]
    assert data["events"] == ["tailor.completed", "tailor.failed"]
    assert data["url"] == URL + "/v2" and data["enabled"] is True


async def test_delete_removes_it(client, app, org):
    hook = await create_hook(client, org, URL, ["resume.parsed"])
    response = await client.delete(f"/api/v1/webhooks/{hook['id']}", headers=org.headers)
    assert response.json()["data"] == {"webhook_id": hook["id"], "deleted": True}
    assert await endpoint_count(app) == 0
    again = await client.delete(f"/api/v1/webhooks/{hook['id']}", headers=org.headers)
    assert again.status_code == 404 and again.json()["error"] == "NOT_FOUND"


@pytest.mark.parametrize(
    "body",
    [
        {"url": URL, "events": []},
        {"url": URL, "events": ["resume.exploded"]},
        {"url": "", "events": ["resume.parsed"]},
        {"url": "ftp://hooks.example.com/", "events": ["resume.parsed"]},
        {"url": "https://hooks.example.com/?token=1", "events": ["resume.parsed"]},
        {"url": URL, "events": ["resume.parsed"], "secret": "mine"},
        {"url": URL, "events": ["resume.parsed"], "description": "x" * 501},
        {"events": ["resume.parsed"]},
    ],
)
async def test_bad_input_is_refused_and_nothing_stored(client, app, org, body):
    response = await client.post("/api/v1/webhooks", headers=org.headers, json=body)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert await endpoint_count(app) == 0


async def test_a_bad_patch_changes_nothing(client, org):
    hook = await create_hook(client, org, URL, ["resume.parsed"])
    path = f"/api/v1/webhooks/{hook['id']}"
    for body in ({"url": "ftp://x.example.com/"}, {"enabled": "maybe"}, {"events": []}):
        response = await client.patch(path, headers=org.headers, json=body)
        assert response.status_code == 400, body
    got = (await client.get(path, headers=org.headers)).json()["data"]
    assert got["url"] == URL and got["events"] == ["resume.parsed"] and got["enabled"] is True


async def test_another_orgs_endpoints_are_not_found(client, make_org):
    org_a, org_b = await make_org("A"), await make_org("B")
    hook = await create_hook(client, org_a, URL, ["resume.parsed"])
    base = f"/api/v1/webhooks/{hook['id']}"
    attempts = [
        client.get(base, headers=org_b.headers),
        client.patch(base, headers=org_b.headers, json={"enabled": False}),
        client.delete(base, headers=org_b.headers),
        client.get(f"{base}/deliveries", headers=org_b.headers),
        client.post(f"{base}/test", headers=org_b.headers),
    ]
    for attempt in attempts:
        response = await attempt
        assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"
    assert (await client.get("/api/v1/webhooks", headers=org_b.headers)).json()["data"] == []
    got = (await client.get(base, headers=org_a.headers)).json()["data"]
    assert got["enabled"] is True


async def test_a_key_is_required(client):
    response = await client.get("/api/v1/webhooks")
    assert response.status_code == 401 and response.json()["error"] == "MISSING_KEY"


async def test_the_test_ping_reaches_only_that_endpoint(client, app, org, receiver):
    hook = await create_hook(client, org, receiver.url + "/one", ["resume.parsed"])
    await create_hook(client, org, receiver.url + "/two", ["resume.parsed"])
    response = await client.post(f"/api/v1/webhooks/{hook['id']}/test", headers=org.headers)
    assert response.status_code == 202 and response.json()["data"]["event_type"] == "webhook.test"
    await app.state.webhooks.drain()
    [ping] = receiver.received
    assert ping.path == "/hooks/one"
    body = Webhook(hook["secret"]).verify(ping.body, ping.headers)
    assert body["data"] == {"webhook_id": hook["id"]}


async def test_a_generated_letter_is_announced(client, app, org, receiver):
    hook = await create_hook(client, org, receiver.url, ["letter.generated"])
    resume_id = await ready_resume(client, org)
    response = await client.post(
        f"/api/v1/resumes/{resume_id}/cover-letters",
        headers=org.headers,
        json={"job_description": JD},
    )
    assert response.status_code == 201
    await app.state.webhooks.drain()
    [letter] = receiver.received
    body = Webhook(hook["secret"]).verify(letter.body, letter.headers)
    assert body["data"] == {
        "letter_id": response.json()["data"]["cover_letter_id"],
        "kind": "cover_letter",
        "resume_id": resume_id,
    }


async def test_unknown_delivery_is_not_found(client, org):
    hook = await create_hook(client, org, URL, ["resume.parsed"])
    response = await client.post(
        f"/api/v1/webhooks/{hook['id']}/deliveries/whd_nope/redeliver", headers=org.headers
    )
    assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"
