"""PLAN_REQUIRED: Starter+ features on Free, non-English output below Pro."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import APIRouter, Depends
from tests.limits.support import running_app

from refleum.errors import PlanRequired
from refleum.limits.enforce import OrgRateLimit
from refleum.limits.gating import (
    Feature,
    check_output_language,
    ensure_plan_allows,
    require_plan,
)
from refleum.limits.quotas import reserve_tailor_call
from refleum.orgs import service as orgs
from refleum.orgs.models import Organization
from refleum.orgs.plans import Plan

TailoringOrg = Annotated[Organization, Depends(require_plan(Feature.TAILOR))]
router = APIRouter(dependencies=[OrgRateLimit])  # as every keyed router declares


@router.post("/test/tailor")
async def fake_tailor(org: TailoringOrg, language: str = "en") -> dict:
    check_output_language(org, language)
    return {"data": {"org_id": org.id}}


def _org(plan: Plan) -> Organization:
    return Organization(id="org_x", name="X", plan=plan)


@pytest.mark.parametrize("feature", list(Feature))
def test_free_plan_is_refused_every_starter_feature(feature):
    with pytest.raises(PlanRequired) as raised:
        ensure_plan_allows(_org(Plan.FREE), feature)
    assert raised.value.status == 403 and "Starter" in raised.value.detail
    for plan in (Plan.STARTER, Plan.PRO, Plan.ENTERPRISE):
        ensure_plan_allows(_org(plan), feature)


@pytest.mark.parametrize("language", ["en", "EN", "en-GB", "en_US"])
def test_english_is_open_to_every_plan(language):
    for plan in Plan:
        check_output_language(_org(plan), language)


@pytest.mark.parametrize("language", ["es", "zh", "pt-BR", "enx"])
def test_other_languages_need_pro(language):
    for plan in (Plan.FREE, Plan.STARTER):
        with pytest.raises(PlanRequired) as raised:
            check_output_language(_org(plan), language)
        assert "Pro" in raised.value.detail
    for plan in (Plan.PRO, Plan.ENTERPRISE):
        check_output_language(_org(plan), language)


async def _key(app, plan: Plan, monthly: int | None = None) -> tuple[Organization, dict]:
    async with app.state.db.sessions() as session:
        org = await orgs.create_org(session, "G", plan)
        created = await orgs.create_key(session, org.id)
        await session.commit()
    return org, {"Authorization": f"Bearer {created.secret}"}


async def test_endpoint_answers_free_with_plan_required(settings):
    async with running_app(settings, router) as http:
        _, free = await _key(http.app, Plan.FREE)
        _, starter = await _key(http.app, Plan.STARTER)
        refused = await http.post("/test/tailor", headers=free)
        allowed = await http.post("/test/tailor", headers=starter)
        spanish = await http.post("/test/tailor?language=es", headers=starter)
    assert (refused.status_code, refused.json()["error"]) == (403, "PLAN_REQUIRED")
    assert refused.headers["X-RateLimit-Limit"] == "1"
    assert allowed.status_code == 200
    assert (spanish.status_code, spanish.json()["error"]) == (403, "PLAN_REQUIRED")


async def test_plan_required_wins_even_when_free_quota_is_used_up(app):
    async with app.state.db.sessions() as session:
        free = await orgs.create_org(session, "F", Plan.FREE)
        await session.commit()
    for _ in range(12):  # past Free's figure of 10 a month
        with pytest.raises(PlanRequired):
            async with reserve_tailor_call(app.state.db, free):
                pass
