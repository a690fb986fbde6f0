"""GET /dashboard: plan, usage against the quota (as GET /usage computes it), the chart."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from tests.letters.samples import ready_resume_via_service
from tests.web.dashboard.seed import add_tailored

from refleum.db import utcnow
from refleum.limits.months import month_key
from refleum.limits.repository import UsageRepository
from refleum.orgs.members import Role
from refleum.orgs.plans import Plan
from refleum.web.dashboard.overview import day_bars


async def _count_usage(app, org_id: str, tailor: int, calls: int, tokens_in: int, tokens_out: int):
    month = month_key(utcnow())
    async with app.state.db.sessions() as session:
        repo = UsageRepository(session, org_id)
        await repo.ensure_row(month)
        for _ in range(tailor):
            await repo.commit_tailor(month)
        await repo.add_llm_usage(month, calls, tokens_in, tokens_out)
        await session.commit()


async def test_overview_shows_what_the_usage_endpoint_answers(app, browser_for, org):
    await _count_usage(app, org.org_id, tailor=3, calls=5, tokens_in=1200, tokens_out=340)
    browser = await browser_for(org.org_id, Role.MEMBER)
    page = await browser.http.get("/dashboard")
    assert page.status_code == 200
    api = (await browser.http.get("/api/v1/usage", headers=org.headers)).json()["data"]
    assert api["tailor_calls"] == 3 and api["tailor_quota"] == 1000
    assert re.search(r'id="plan-name">Pro<', page.text)
    assert re.search(r'id="tailor-usage">3 / 1000<', page.text)
    assert re.search(r'id="rpm">60<', page.text)
    assert re.search(r'id="llm-calls">5<', page.text)
    assert "1200 tokens in · 340 tokens out" in page.text
    assert 'href="/playground"' in page.text and 'href="/docs"' in page.text


async def test_an_unlimited_plan_says_so(app, browser_for, make_org):
    enterprise = await make_org("Big", Plan.ENTERPRISE)
    page = await (await browser_for(enterprise.org_id)).http.get("/dashboard")
    assert "Unlimited on this plan" in page.text
    assert "<progress" not in page.text


async def test_the_chart_counts_tailored_resumes_per_day(app, browser_for, org, make_org):
    resume_id = await ready_resume_via_service(app, org.org_id)
    now = utcnow()
    for _ in range(2):
        await add_tailored(app, org.org_id, resume_id, created_at=now)
    other = await make_org("Other")
    other_resume = await ready_resume_via_service(app, other.org_id)
    await add_tailored(app, other.org_id, other_resume, created_at=now)  # not ours
    page = await (await browser_for(org.org_id)).http.get("/dashboard")
    today = now.astimezone(UTC).date().isoformat()
    assert f'class="bar h20" role="listitem" title="{today}: 2"' in page.text
    assert f"{today}: 2 tailor calls</span>" in page.text
    assert page.text.count('class="bar ') == now.astimezone(UTC).day
    assert "style=" not in page.text  # the CSP allows no inline style


def test_bars_scale_to_the_busiest_day():
    now = datetime(2026, 3, 4, 12, tzinfo=UTC)
    created = [now, now, now, now - timedelta(days=1), now - timedelta(days=40)]
    bars = day_bars(created, now)
    assert [(b.day.day, b.count, b.step) for b in bars] == [
        (1, 0, 0),
        (2, 0, 0),
        (3, 1, 7),
        (4, 3, 20),
    ]


def test_an_empty_month_has_flat_bars():
    now = datetime(2026, 3, 1, 0, 5, tzinfo=UTC)
    assert [(b.count, b.step) for b in day_bars([], now)] == [(0, 0)]


async def test_without_a_session_the_overview_redirects_to_sign_in(client):
    response = await client.get("/dashboard")
    assert response.status_code == 303
    assert response.headers["location"] == "/signin?next=/dashboard"
