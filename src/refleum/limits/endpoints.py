"""GET /api/v1/usage: this month's tailor calls against the quota, and model tokens."""

from __future__ import annotations

from fastapi import APIRouter

from refleum.db import SessionDep
from refleum.envelopes import Envelope, error_responses
from refleum.limits.schemas import UsageOut
from refleum.limits.summary import usage_summary
from refleum.orgs.deps import CurrentOrg

router = APIRouter(prefix="/api/v1", tags=["usage"])


@router.get("/usage", responses=error_responses(401, 429))
async def get_usage(org: CurrentOrg, session: SessionDep) -> Envelope[UsageOut]:
    return Envelope(data=await usage_summary(session, org))
