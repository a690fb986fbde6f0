"""The webhooks pages: owners add an endpoint (the secret shown once), disable it, read
its delivery log and redeliver; a refused form stores nothing; members only read."""

from __future__ import annotations

from sqlalchemy import func, select
from tests.web.dashboard.seed import seed

from refleum.orgs.members import Role
from refleum.webhooks.models import WebhookDelivery, WebhookEndpoint

FORM = {"url": "https://hooks.example.com/ats", "events": "tailor.completed", "description": "ATS"}


async def hook_count(app) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(WebhookEndpoint))


async def test_an_owner_creates_a_webhook_and_sees_the_secret_once(app, browser_for, org):
    browser = await browser_for(org.org_id, Role.OWNER)
    created = await browser.post_form("/dashboard/webhooks", FORM)
    assert created.status_code == 201
    assert 'id="new-secret"' in created.text and "whsec_" in created.text
    listing = await browser.http.get("/dashboard/webhooks")
    assert "https://hooks.example.com/ats" in listing.text and "whsec_" not in listing.text
    async with app.state.db.sessions() as session:
        hook = await session.scalar(select(WebhookEndpoint))
    assert hook.events == ["tailor.completed"] and hook.description == "ATS"
    detail = await browser.http.get(f"/dashboard/webhooks/{hook.id}")
    assert detail.status_code == 200 and "whsec_" not in detail.text


async def test_a_refused_form_says_why_and_stores_nothing(app, browser_for, org):
    browser = await browser_for(org.org_id, Role.OWNER)
    for form, why in (
        ({"url": "https://127.0.0.1/x", "events": "resume.parsed"}, "loopback"),
        ({"url": "https://hooks.example.com/x"}, "Choose at least one event"),
    ):
        response = await browser.post_form("/dashboard/webhooks", form)
        assert response.status_code == 400 and why in response.text
    assert await hook_count(app) == 0


async def test_disable_and_redeliver(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id, Role.OWNER)
    page = f"/dashboard/webhooks/{mine.webhook_id}"
    disabled = await browser.post_form(f"{page}/enabled", {})
    assert disabled.status_code == 303
    assert "disabled" in (await browser.http.get(page)).text
    await app.state.webhooks.drain()  # disabled: the test ping fails without a request
    assert "the endpoint is disabled" in (await browser.http.get(page)).text
    enabled = await browser.post_form(f"{page}/enabled", {"enabled": "true"})
    assert enabled.status_code == 303
    redelivered = await browser.post_form(f"{page}/deliveries/{mine.delivery_id}/redeliver")
    assert redelivered.status_code == 303
    async with app.state.db.sessions() as session:
        delivery = await session.get(WebhookDelivery, mine.delivery_id)
    assert delivery.status == "pending"


async def test_a_member_reads_but_has_no_forms(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id, Role.MEMBER)
    listing = await browser.http.get("/dashboard/webhooks")
    assert listing.status_code == 200 and 'id="create-webhook"' not in listing.text
    detail = await browser.http.get(f"/dashboard/webhooks/{mine.webhook_id}")
    assert 'id="delete-webhook"' not in detail.text and "Redeliver" not in detail.text
    refused = await browser.post_form(f"/dashboard/webhooks/{mine.webhook_id}/delete")
    assert refused.status_code == 403 and await hook_count(app) == 1
