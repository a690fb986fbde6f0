"""Signed deliveries reach a receiver on 127.0.0.1 and verify with the standardwebhooks
library; isolation between organizations, disabled endpoints, restarts and the SSRF policy."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
from sqlalchemy import select
from standardwebhooks import Webhook
from tests.tailoring.test_endpoints import ready_resume, tailor
from tests.webhooks.conftest import create_hook

from refleum.app import create_app
from refleum.config import Settings
from refleum.webhooks.dispatcher import WebhookDispatcher
from refleum.webhooks.models import WebhookDelivery

EVENTS = ["resume.parsed", "tailor.completed", "letter.generated"]


def verified(secret: str, received) -> dict:
    return Webhook(secret).verify(received.body, received.headers)


async def test_parsed_and_tailored_events_arrive_signed(client, app, org, receiver):
    hook = await create_hook(client, org, receiver.url, EVENTS)
    resume_id = await ready_resume(client, app, org)
    await app.state.webhooks.drain()
    [parsed] = receiver.of_type("resume.parsed")
    body = verified(hook["secret"], parsed)
    assert body["data"] == {"resume_id": resume_id, "status": "READY"}
    assert parsed.headers["webhook-id"].startswith("msg_")

    response = await tailor(client, org, resume_id)
    assert response.status_code == 201, response.text
    await app.state.webhooks.drain()
    [completed] = receiver.of_type("tailor.completed")
    body = verified(hook["secret"], completed)
    assert body["type"] == "tailor.completed"
    assert body["data"]["parent_id"] == resume_id
    assert body["data"]["resume_id"] == response.json()["data"]["resume_id"]


async def test_a_tampered_body_does_not_verify(client, app, org, receiver):
    hook = await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)
    await app.state.webhooks.drain()
    [parsed] = receiver.received
    with pytest.raises(Exception, match="signature"):
        Webhook(hook["secret"]).verify(parsed.body.replace(b"READY", b"FAILED"), parsed.headers)


async def test_events_go_only_to_matching_endpoints_of_the_same_org(
    client, app, make_org, receiver
):
    org_a, org_b = await make_org("A"), await make_org("B")
    hook_a = await create_hook(client, org_a, receiver.url + "/a", ["resume.parsed"])
    await create_hook(client, org_b, receiver.url + "/b", ["tailor.completed"])
    await ready_resume(client, app, org_a)
    await ready_resume(client, app, org_b)
    await app.state.webhooks.drain()
    assert [r.path for r in receiver.received] == ["/hooks/a"]
    verified(hook_a["secret"], receiver.received[0])


async def test_a_disabled_endpoint_gets_nothing(client, app, org, receiver):
    hook = await create_hook(client, org, receiver.url, ["resume.parsed"])
    response = await client.patch(
        f"/api/v1/webhooks/{hook['id']}", headers=org.headers, json={"enabled": False}
    )
    assert response.json()["data"]["enabled"] is False
    await ready_resume(client, app, org)
    await app.state.webhooks.drain()
    assert receiver.received == []


async def test_a_delivery_queued_before_its_endpoint_was_disabled_fails_without_retries(
    client, app, org, receiver
):
    hook = await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)
    await app.state.webhooks.fan_out()  # queued for the endpoint, not sent yet
    await client.patch(
        f"/api/v1/webhooks/{hook['id']}", headers=org.headers, json={"enabled": False}
    )
    await app.state.webhooks.drain()
    async with app.state.db.sessions() as session:
        [delivery] = (await session.scalars(select(WebhookDelivery))).all()
    assert receiver.received == []
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 1, None)


async def test_deliveries_survive_a_restart(client, app, org, receiver, settings):
    await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)  # the event is stored, nothing sent yet
    assert receiver.received == []
    fresh = create_app(settings, run_jobs=False)
    async with fresh.router.lifespan_context(fresh):
        await fresh.state.webhooks.drain()
    assert len(receiver.of_type("resume.parsed")) == 1
    await app.state.webhooks.drain()  # the first process finds nothing left to send
    assert len(receiver.received) == 1


async def test_two_dispatchers_never_send_one_delivery_twice(client, app, org, receiver, settings):
    await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)
    other = WebhookDispatcher(app.state.db, app.state.secrets, settings)
    try:
        await asyncio.gather(app.state.webhooks.drain(), other.drain())
    finally:
        await other.stop()
    assert len(receiver.received) == 1


async def test_private_addresses_are_refused_by_default(
    client, app, org, receiver, db_url, tmp_path
):
    # Stored while allowed, then sent by a process under the default policy.
    hook = await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)
    strict = Settings(database_url=db_url, data_dir=tmp_path)
    dispatcher = WebhookDispatcher(app.state.db, app.state.secrets, strict)
    try:
        await dispatcher.drain()
    finally:
        await dispatcher.stop()
    assert receiver.received == []
    log = await client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=org.headers)
    [delivery] = log.json()["data"]
    assert delivery["status"] == "pending"  # retried later, under whatever policy holds then
    assert "SSRF" in delivery["log"][0]["error"]


async def test_a_name_resolving_to_a_private_address_is_refused_at_send(
    client, app, org, db_url, tmp_path
):
    # The URL's form passed at creation; the name resolves to loopback when it is sent
    # (DNS rebinding): the pinned connection refuses it and the log says why.
    hook = await create_hook(client, org, "https://hooks.example.com/x", ["resume.parsed"])
    await ready_resume(client, app, org)

    async def rebinding(host, port):
        return ["127.0.0.1"]

    strict = Settings(database_url=db_url, data_dir=tmp_path)
    dispatcher = WebhookDispatcher(app.state.db, app.state.secrets, strict, resolver=rebinding)
    try:
        await dispatcher.drain()
    finally:
        await dispatcher.stop()
    log = await client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=org.headers)
    [attempt] = log.json()["data"][0]["log"]
    assert attempt["status_code"] is None
    assert "SSRF" in attempt["error"] and "loopback" in attempt["error"]


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",
        "https://169.254.169.254/latest",
        "https://localhost/x",
        "http://hooks.example.com/plain-http",
        "https://user:pw@hooks.example.com/",
    ],
)
async def test_private_or_unsafe_urls_are_refused_at_creation_by_default(
    org, db_url, tmp_path, url
):
    strict = create_app(Settings(database_url=db_url, data_dir=tmp_path), run_jobs=False)
    async with strict.router.lifespan_context(strict):
        transport = httpx.ASGITransport(app=strict)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            body = {"url": url, "events": ["resume.parsed"]}
            response = await http.post("/api/v1/webhooks", headers=org.headers, json=body)
            listed = await http.get("/api/v1/webhooks", headers=org.headers)
    assert response.status_code == 400, response.text
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert response.json()["detail"].startswith("url: ")
    assert listed.json()["data"] == []


async def test_redelivery_sends_the_same_message_again(client, app, org, receiver):
    hook = await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)
    await app.state.webhooks.drain()
    base = f"/api/v1/webhooks/{hook['id']}/deliveries"
    [delivery] = (await client.get(base, headers=org.headers)).json()["data"]
    assert delivery["status"] == "delivered"
    response = await client.post(f"{base}/{delivery['id']}/redeliver", headers=org.headers)
    assert response.status_code == 202, response.text
    await app.state.webhooks.drain()
    first, second = receiver.received
    assert first.body == second.body
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    verified(hook["secret"], second)
    [delivery] = (await client.get(base, headers=org.headers)).json()["data"]
    assert delivery["attempts"] == 2 and len(delivery["log"]) == 2


async def test_a_failing_model_sends_tailor_failed(client, app, org, receiver, monkeypatch):
    from refleum.errors import LLMProviderFailed
    from refleum.tailoring import service as tailoring

    async def failing(*args, **kwargs):
        raise LLMProviderFailed("provider down")

    hook = await create_hook(client, org, receiver.url, ["tailor.failed", "tailor.completed"])
    resume_id = await ready_resume(client, app, org)
    monkeypatch.setattr(tailoring, "run_tailoring", failing)
    response = await tailor(client, org, resume_id)
    assert response.status_code == 502, response.text
    await app.state.webhooks.drain()
    [failed] = receiver.received
    body = verified(hook["secret"], failed)
    assert body["type"] == "tailor.failed"
    assert body["data"] == {
        "resume_id": resume_id,
        "status": "FAILED",
        "error": "LLM_PROVIDER_ERROR",
    }


async def test_payload_is_small_and_typed(client, app, org, receiver):
    await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)
    await app.state.webhooks.drain()
    body = json.loads(receiver.received[0].body)
    assert set(body) == {"type", "timestamp", "data"}
    async with app.state.db.sessions() as session:
        stored = await session.scalar(select(WebhookDelivery))
    assert stored.status == "delivered" and stored.last_status_code == 200
