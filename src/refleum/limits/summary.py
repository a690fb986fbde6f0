"""This month's usage of one organization against its plan: what GET /usage answers and
the dashboard's overview shows, computed in one place."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.limits.quotas import usage_this_month
from refleum.limits.schemas import MonthlyUsage
from refleum.orgs.models import Organization
from refleum.orgs.plans import monthly_tailor_quota, requests_per_minute


async def usage_summary(
    session: AsyncSession, org: Organization, now: datetime | None = None
) -> MonthlyUsage:
    month, counter = await usage_this_month(session, org.id, now)
    return MonthlyUsage(
        month=month,
        tailor_calls=counter.tailor_used,
        tailor_quota=monthly_tailor_quota(org),
        llm_calls=counter.llm_calls,
        input_tokens=counter.input_tokens,
        output_tokens=counter.output_tokens,
        requests_per_minute=requests_per_minute(org),
        plan=org.plan,
    )
