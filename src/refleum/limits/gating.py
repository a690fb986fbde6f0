"""Which plan may use what: PLAN_REQUIRED for Starter+ features and non-English output."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum

from refleum.errors import PlanRequired
from refleum.orgs.deps import CurrentOrg
from refleum.orgs.models import Organization
from refleum.orgs.plans import plan_limits


class Feature(StrEnum):
    TAILOR = "tailoring"
    COVER_LETTERS = "cover letters"
    OUTREACH = "outreach messages"


ENGLISH = "en"


def ensure_plan_allows(org: Organization, feature: Feature) -> None:
    """Every Starter+ feature is allowed exactly when the plan can tailor."""
    if not plan_limits(org.plan).can_tailor:
        raise PlanRequired(
            f"{feature.value[:1].upper()}{feature.value[1:]} requires a Starter plan or above "
            f"(this organization is on {org.plan})"
        )


def require_plan(feature: Feature) -> Callable[[Organization], Awaitable[Organization]]:
    """A dependency: ``org: Annotated[Organization, Depends(require_plan(Feature.TAILOR))]``."""

    async def dependency(org: CurrentOrg) -> Organization:
        ensure_plan_allows(org, feature)
        return org

    return dependency


def is_english(language: str) -> bool:
    return language.strip().replace("_", "-").split("-")[0].lower() == ENGLISH


def check_output_language(org: Organization, language: str) -> None:
    """English for every plan; other output languages from Pro up."""
    if not is_english(language) and not plan_limits(org.plan).multi_language:
        raise PlanRequired(
            f"Output language '{language}' requires a Pro plan or above "
            f"(this organization is on {org.plan}; English is available on every plan)"
        )
