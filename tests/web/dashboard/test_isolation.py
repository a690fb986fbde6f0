"""Every dashboard route, signed in as organization A's owner and as its member, given
organization B's ids: never B's data (404, or 403 for a member's write), and B's rows
are exactly as they were afterwards. The route table must cover every route the pages
declare, so a new page cannot skip this test."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from tests.web.dashboard.seed import Seeded, seed

from refleum.letters.models import Letter
from refleum.llm import service as llm
from refleum.llm.models import LLMConfig
from refleum.llm.schemas import LLMConfigUpdate
from refleum.orgs.members import Member, Role, add_member
from refleum.orgs.models import ApiKey
from refleum.resumes.models import Resume
from refleum.web import members_pages
from refleum.web.dashboard import keys, letters, model_settings, overview, resumes, webhooks
from refleum.webhooks.models import WebhookDelivery, WebhookEndpoint

FORMS = {
    "/dashboard/keys": {"name": "mine"},
    "/dashboard/model": {
        "provider": "local",
        "content_language": "en",
        "default_prompt_id": "nudge",
    },
    "/dashboard/webhooks": {"url": "https://hooks.example.com/mine", "events": "resume.parsed"},
    "/dashboard/members": {"email": "new.person@acme.example.com", "role": "member"},
    "/dashboard/members/{b.member_id}/role": {"role": "member"},
}

# (method, route, the URL filled with ids: "a." from A's seed, "b." from B's)
ROUTES = [
    ("GET", "/dashboard", "/dashboard"),
    ("GET", "/dashboard/keys", "/dashboard/keys"),
    ("POST", "/dashboard/keys", "/dashboard/keys"),
    ("POST", "/dashboard/keys/temporary", "/dashboard/keys/temporary"),
    ("GET", "/dashboard/keys/{key_id}/revoke", "/dashboard/keys/{b.key_id}/revoke"),
    ("POST", "/dashboard/keys/{key_id}/revoke", "/dashboard/keys/{b.key_id}/revoke"),
    ("GET", "/dashboard/resumes", "/dashboard/resumes"),
    ("GET", "/dashboard/resumes/{resume_id}", "/dashboard/resumes/{b.resume_id}"),
    ("GET", "/dashboard/resumes/{resume_id}", "/dashboard/resumes/{b.child_id}"),
    *[
        (
            "GET",
            "/dashboard/resumes/{resume_id}/download/{fmt}",
            f"/dashboard/resumes/{{b.child_id}}/download/{fmt}",
        )
        for fmt in ("pdf", "docx", "md")
    ],
    *[
        (method, "/dashboard/resumes/{resume_id}/{kind}/{letter_id}/delete", url)
        for method in ("GET", "POST")
        for url in (
            "/dashboard/resumes/{b.child_id}/cover-letters/{b.cover_letter_id}/delete",
            "/dashboard/resumes/{b.child_id}/outreach/{b.outreach_id}/delete",
            # A's own resume with B's letter: the letter must still be unknown
            "/dashboard/resumes/{a.child_id}/cover-letters/{b.cover_letter_id}/delete",
            "/dashboard/resumes/{a.child_id}/outreach/{b.outreach_id}/delete",
        )
    ],
    ("GET", "/dashboard/model", "/dashboard/model"),
    ("POST", "/dashboard/model", "/dashboard/model"),
    ("POST", "/dashboard/model/test", "/dashboard/model/test"),
    ("GET", "/dashboard/webhooks", "/dashboard/webhooks"),
    ("POST", "/dashboard/webhooks", "/dashboard/webhooks"),
    ("GET", "/dashboard/webhooks/{webhook_id}", "/dashboard/webhooks/{b.webhook_id}"),
    (
        "POST",
        "/dashboard/webhooks/{webhook_id}/enabled",
        "/dashboard/webhooks/{b.webhook_id}/enabled",
    ),
    (
        "POST",
        "/dashboard/webhooks/{webhook_id}/delete",
        "/dashboard/webhooks/{b.webhook_id}/delete",
    ),
    *[
        ("POST", "/dashboard/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", url)
        for url in (
            "/dashboard/webhooks/{b.webhook_id}/deliveries/{b.delivery_id}/redeliver",
            # A's own endpoint with B's delivery: the delivery must still be unknown
            "/dashboard/webhooks/{a.webhook_id}/deliveries/{b.delivery_id}/redeliver",
        )
    ],
    ("GET", "/dashboard/members", "/dashboard/members"),
    ("POST", "/dashboard/members", "/dashboard/members"),
    *[
        (method, f"/dashboard/members/{{member_id}}/{action}", url)
        for method, action in (
            ("POST", "role"),
            ("POST", "link"),
            ("GET", "remove"),
            ("POST", "remove"),
        )
        for url in [f"/dashboard/members/{{b.member_id}}/{action}"]
    ],
]


OWNER_ONLY = {
    ("POST", "/dashboard/keys"),
    ("GET", "/dashboard/keys/{key_id}/revoke"),
    ("POST", "/dashboard/keys/{key_id}/revoke"),
    ("GET", "/dashboard/resumes/{resume_id}/{kind}/{letter_id}/delete"),
    ("POST", "/dashboard/resumes/{resume_id}/{kind}/{letter_id}/delete"),
    ("POST", "/dashboard/model"),
    ("POST", "/dashboard/model/test"),
    ("POST", "/dashboard/webhooks"),
    ("POST", "/dashboard/webhooks/{webhook_id}/enabled"),
    ("POST", "/dashboard/webhooks/{webhook_id}/delete"),
    ("POST", "/dashboard/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver"),
    ("GET", "/dashboard/members"),
    ("POST", "/dashboard/members"),
    ("POST", "/dashboard/members/{member_id}/role"),
    ("POST", "/dashboard/members/{member_id}/link"),
    ("GET", "/dashboard/members/{member_id}/remove"),
    ("POST", "/dashboard/members/{member_id}/remove"),
}
OWN_STATUS = {
    ("POST", "/dashboard/keys"): 201,
    ("POST", "/dashboard/keys/temporary"): 201,
    ("POST", "/dashboard/model"): 303,
    ("POST", "/dashboard/webhooks"): 201,
}


def test_the_table_covers_every_dashboard_route():
    declared = {
        (method, route.path)
        for page in (overview, keys, resumes, letters, model_settings, webhooks, members_pages)
        for route in page.router.routes
        for method in route.methods
    }
    assert declared == {(method, route) for method, route, _ in ROUTES}


async def _snapshot(app, org_id: str) -> dict:
    async with app.state.db.sessions() as session:
        key_rows = await session.execute(
            select(ApiKey.id, ApiKey.name, ApiKey.revoked_at, ApiKey.expires_at).where(
                ApiKey.org_id == org_id
            )
        )
        resume_rows = await session.execute(
            select(Resume.id, Resume.status, Resume.content_version).where(Resume.org_id == org_id)
        )
        letter_rows = await session.execute(
            select(Letter.id, Letter.content).where(Letter.org_id == org_id)
        )
        config = await session.get(LLMConfig, org_id)
        hook_rows = await session.execute(
            select(WebhookEndpoint.id, WebhookEndpoint.url, WebhookEndpoint.enabled).where(
                WebhookEndpoint.org_id == org_id
            )
        )
        delivery_rows = await session.execute(
            select(
                WebhookDelivery.id, WebhookDelivery.status, WebhookDelivery.next_attempt_at
            ).where(WebhookDelivery.org_id == org_id)
        )
        member_rows = await session.execute(
            select(Member.id, Member.email, Member.role).where(Member.org_id == org_id)
        )
        return {
            "members": sorted(member_rows.all()),
            "webhooks": sorted(hook_rows.all()),
            "deliveries": sorted(delivery_rows.all()),
            "keys": sorted(key_rows.all()),
            "resumes": sorted(resume_rows.all()),
            "letters": sorted(letter_rows.all()),
            "config": config and (config.provider, config.model, config.updated_at),
        }


@pytest.fixture
async def two_orgs(app, make_org) -> tuple[Seeded, Seeded]:
    a, b = await make_org("Acme"), await make_org("Betaville")
    seeded_b = await seed(app, b.org_id, "Betaville")
    async with app.state.db.sessions() as session:
        update = LLMConfigUpdate(provider="anthropic", model="claude-b", api_key="sk-b-0000000000")
        await llm.update_config(
            session, b.org_id, update, secrets=app.state.secrets, allow_private_base=False
        )
        await session.commit()
        # B's second owner, so that B's owner is never the last one a request could touch.
        await add_member(session, b.org_id, "boss@betaville.example.com", Role.OWNER)
        person = await add_member(session, b.org_id, "person@betaville.example.com", Role.OWNER)
        await session.commit()
    seeded_b.member_id = person.id
    return await seed(app, a.org_id, "Acme"), seeded_b


def _never_shows(text: str, b: Seeded) -> None:
    for secret in (
        "Betaville",
        b.org_id,
        b.key_id,
        b.resume_id,
        b.child_id,
        b.cover_letter_id,
        b.outreach_id,
        b.webhook_id,
        b.delivery_id,
        "hooks.example.com/Betaville",
        b.member_id,
        "betaville.example.com",
        "claude-b",
    ):
        assert secret not in text


@pytest.mark.parametrize("role", [Role.OWNER, Role.MEMBER])
@pytest.mark.parametrize("method,route,url", ROUTES, ids=[f"{m} {u}" for m, _, u in ROUTES])
async def test_org_a_never_reaches_org_b(app, browser_for, two_orgs, role, method, route, url):
    a, b = two_orgs
    before = await _snapshot(app, b.org_id)
    browser = await browser_for(a.org_id, role)
    target = url.format(a=a, b=b)
    if method == "GET":
        response = await browser.http.get(target)
    else:
        response = await browser.post_form(target, FORMS.get(url))
    _never_shows(response.text, b)
    if role is Role.MEMBER and (method, route) in OWNER_ONLY:
        expected = 403
    elif "{" in route:  # an id of B's: as unknown to A as a made-up one
        expected = 404
    else:  # A's own page or write, about A only
        expected = OWN_STATUS.get((method, route), 200)
    if route.startswith("/dashboard/members/{") and expected == 404:
        assert "no such member" in response.text
    assert response.status_code == expected, response.text[:300]
    assert await _snapshot(app, b.org_id) == before
