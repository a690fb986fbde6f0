"""GET /api/v1/usage: this month's tailor calls, quota, LLM tokens, rate limit and plan."""

from __future__ import annotations

from refleum.db import utcnow
from refleum.limits.months import month_key
from refleum.limits.quotas import reserve_tailor_call
from refleum.llm.accounting import record_llm_usage
from refleum.llm.usage import LLMUsage
from refleum.orgs import service as orgs
from refleum.orgs.plans import Plan


async def test_usage_reports_this_month(client, app, make_org):
    org = await make_org(plan=Plan.STARTER)
    async with app.state.db.sessions() as session:
        model = await orgs.get_org(session, org.org_id)
    for _ in range(2):
        async with reserve_tailor_call(app.state.db, model):
            pass
    async with app.state.db.sessions() as session:
        usage = LLMUsage(calls=3, input_tokens=1200, output_tokens=300)
        await record_llm_usage(session, org.org_id, "parse", "openai:gpt", usage)
        await session.commit()
    response = await client.get("/api/v1/usage", headers=org.headers)
    assert response.status_code == 200
    assert response.json() == {
        "data": {
            "month": month_key(utcnow()),
            "tailor_calls": 2,
            "tailor_quota": 200,
            "llm_calls": 3,
            "input_tokens": 1200,
            "output_tokens": 300,
            "requests_per_minute": 20,
            "plan": "starter",
        }
    }
    assert response.headers["X-RateLimit-Limit"] == "20"


async def test_usage_of_a_new_enterprise_org(client, app, make_org):
    org = await make_org(plan=Plan.ENTERPRISE)
    async with app.state.db.sessions() as session:
        await orgs.update_org(session, org.org_id, rpm_override=1000)
        await session.commit()
    data = (await client.get("/api/v1/usage", headers=org.headers)).json()["data"]
    assert (data["tailor_calls"], data["tailor_quota"], data["llm_calls"]) == (0, None, 0)
    assert data["requests_per_minute"] == 1000


async def test_usage_needs_a_key(client):
    assert (await client.get("/api/v1/usage")).json()["error"] == "MISSING_KEY"
