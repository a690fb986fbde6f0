"""GET /dashboard: the plan, this month's usage against it, and tailor calls per day."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from fastapi import Request
from fastapi.responses import HTMLResponse

from refleum.db import SessionDep, utcnow
from refleum.limits.summary import usage_summary
from refleum.resumes.repository import ResumeRepository
from refleum.web.dashboard.pages import page_router
from refleum.web.deps import CurrentMember
from refleum.web.templating import render

router = page_router()

# Bar heights come in 5 % steps (CSS classes h0…h20): the page's CSP allows no inline style.
BAR_STEPS = 20


@dataclass(frozen=True)
class DayBar:
    day: date
    count: int
    step: int  # 0…BAR_STEPS


def day_bars(created: list[datetime], now: datetime) -> list[DayBar]:
    """One bar per day of the month so far; the busiest day is the full height."""
    per_day = Counter(moment.astimezone(UTC).date() for moment in created)
    days = [date(now.year, now.month, d) for d in range(1, now.day + 1)]
    top = max((per_day[d] for d in days), default=0)
    return [DayBar(d, per_day[d], round(per_day[d] * BAR_STEPS / top) if top else 0) for d in days]


@router.get("", response_class=HTMLResponse)
async def overview(request: Request, signed_in: CurrentMember, session: SessionDep):
    now = utcnow().astimezone(UTC)
    org_id = signed_in.org.id
    usage = await usage_summary(session, signed_in.org, now)
    month_start = datetime(now.year, now.month, 1, tzinfo=UTC)
    tailored = await ResumeRepository(session, org_id).tailored_since(month_start)
    return render(
        request,
        "dashboard/overview.html",
        signed_in,
        active="overview",
        usage=usage,
        bars=day_bars(tailored, now),
        month_name=now.strftime("%B %Y"),
    )
