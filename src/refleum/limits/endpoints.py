"""GET /api/v1/usage: this month's tailor calls against the quota, and model tokens."""

from __future__ import annotations

from fastapi import APIRouter

from refleum.db import SessionDep
from refleum.envelopes import Envelope
from refleum.limits.schemas import MonthlyUsage
from refleum.limits.summary import usage_summary
from refleum.orgs.deps import CurrentOrg

router = APIRouter(prefix="/api/v1", tags=["usage"])


@router.get("/usage", operation_id="getUsage")
async def get_usage(org: CurrentOrg, session: SessionDep) -> Envelope[MonthlyUsage]:
    return Envelope(data=await usage_summary(session, org))
