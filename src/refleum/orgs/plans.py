"""Plans and what each allows. The table is data: defaults follow DECISIONS.md."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Plan(StrEnum):
    FREE = "free"
    STARTER = "starter"
    PRO = "pro"
    ENTERPRISE = "enterprise"


@dataclass(frozen=True)
class PlanLimits:
    requests_per_minute: int
    monthly_tailor_calls: int | None  # None: unlimited
    can_tailor: bool
    multi_language: bool
    parallel_generation: bool


PLAN_LIMITS: dict[Plan, PlanLimits] = {
    Plan.FREE: PlanLimits(1, 10, can_tailor=False, multi_language=False, parallel_generation=False),
    Plan.STARTER: PlanLimits(20, 200, can_tailor=True, multi_language=False, parallel_generation=False),
    Plan.PRO: PlanLimits(60, 1000, can_tailor=True, multi_language=True, parallel_generation=True),
    # Enterprise rpm is set per org; this is the figure used until an operator sets one.
    Plan.ENTERPRISE: PlanLimits(600, None, can_tailor=True, multi_language=True, parallel_generation=True),
}
