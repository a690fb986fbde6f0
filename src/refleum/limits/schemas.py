from __future__ import annotations

from pydantic import BaseModel, Field

from refleum.orgs.plans import Plan


class MonthlyUsage(BaseModel):
    """This month's usage of one organization (GET /usage)."""

    month: str = Field(description="Calendar month (UTC), YYYY-MM")
    tailor_calls: int = Field(description="Successful tailor calls this month")
    tailor_quota: int | None = Field(description="Calls allowed this month; null: unlimited")
    llm_calls: int
    input_tokens: int
    output_tokens: int
    requests_per_minute: int
    plan: Plan
