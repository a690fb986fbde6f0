"""Plans and what each allows. The table is data: defaults follow DECISIONS.md."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from refleum.orgs.models import Organization


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


DEFAULT_PLAN_LIMITS: dict[Plan, PlanLimits] = {
    Plan.FREE: PlanLimits(1, 10, can_tailor=False, multi_language=False, parallel_generation=False),
    Plan.STARTER: PlanLimits(
        20, 200, can_tailor=True, multi_language=False, parallel_generation=False
    ),
    Plan.PRO: PlanLimits(60, 1000, can_tailor=True, multi_language=True, parallel_generation=True),
    # Enterprise rpm is set per org; this is the figure used until an operator sets one.
    Plan.ENTERPRISE: PlanLimits(
        600, None, can_tailor=True, multi_language=True, parallel_generation=True
    ),
}
# The table in force: the defaults with the operator's changes (REFLEUM_PLANS) over them.
PLAN_LIMITS: dict[Plan, PlanLimits] = dict(DEFAULT_PLAN_LIMITS)


def configure_plans(changes: Mapping[str, Mapping[str, Any]]) -> None:
    """Applies ``{"starter": {"requests_per_minute": 30}, …}`` over the defaults.

    Called with the settings at start; an unknown plan or field, or a figure that would
    lock an org out, is a ValueError so a typo stops the start instead of a limit.
    """
    table = dict(DEFAULT_PLAN_LIMITS)
    known = {f.name for f in fields(PlanLimits)}
    for name, values in changes.items():
        plan = Plan(name)
        if unknown := set(values) - known:
            raise ValueError(f"REFLEUM_PLANS: unknown field(s) {sorted(unknown)} for {name}")
        table[plan] = replace(table[plan], **values)
        rpm, monthly = table[plan].requests_per_minute, table[plan].monthly_tailor_calls
        if not isinstance(rpm, int) or rpm < 1 or (monthly is not None and monthly < 0):
            raise ValueError(
                f"REFLEUM_PLANS: {name} needs requests_per_minute >= 1 "
                "and monthly_tailor_calls >= 0 or null"
            )
    PLAN_LIMITS.clear()
    PLAN_LIMITS.update(table)


def plan_limits(plan: str) -> PlanLimits:
    return PLAN_LIMITS[Plan(plan)]


def requests_per_minute(org: Organization) -> int:
    """The org's figure: an Enterprise override when set, else its plan's."""
    if org.plan == Plan.ENTERPRISE and org.rpm_override is not None:
        return org.rpm_override
    return plan_limits(org.plan).requests_per_minute


def monthly_tailor_quota(org: Organization) -> int | None:
    """Tailor calls allowed per calendar month (UTC); None means unlimited."""
    if org.plan == Plan.ENTERPRISE and org.monthly_tailor_override is not None:
        return org.monthly_tailor_override
    return plan_limits(org.plan).monthly_tailor_calls
