"""GET /api/v1/usage: this month's tailor calls against the quota, and model tokens."""

from __future__ import annotations

from fastapi import APIRouter

from refleum.db import SessionDep
from refleum.envelopes import Envelope
from refleum.limits.quotas import usage_this_month
from refleum.limits.schemas import MonthlyUsage
from refleum.orgs.deps import CurrentOrg
from refleum.orgs.plans import monthly_tailor_quota, requests_per_minute

router = APIRouter(prefix="/api/v1", tags=["usage"])


@router.get("/usage", operation_id="getUsage")
async def get_usage(org: CurrentOrg, session: SessionDep) -> Envelope[MonthlyUsage]:
    month, counter = await usage_this_month(session, org.id)
    return Envelope(
        data=MonthlyUsage(
            month=month,
            tailor_calls=counter.tailor_used,
            tailor_quota=monthly_tailor_quota(org),
            llm_calls=counter.llm_calls,
            input_tokens=counter.input_tokens,
            output_tokens=counter.output_tokens,
            requests_per_minute=requests_per_minute(org),
            plan=org.plan,
        )
    )
