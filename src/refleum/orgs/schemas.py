from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from refleum.orgs.plans import Plan
from refleum.orgs.service import CreatedKey


class OrgCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    plan: Plan = Plan.FREE


# Bounds keep a typo from disabling a limit: 0 rpm would lock an org out entirely.
MAX_RPM = 1_000_000
MAX_MONTHLY_TAILOR = 1_000_000_000


class OrgUpdate(BaseModel):
    """PATCH body: fields left out stay as they are; an override set to null is cleared."""

    model_config = ConfigDict(extra="forbid")

    plan: Plan | None = None
    rpm_override: int | None = Field(default=None, ge=1, le=MAX_RPM)
    monthly_tailor_override: int | None = Field(default=None, ge=0, le=MAX_MONTHLY_TAILOR)


class OrgOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    org_id: str = Field(validation_alias="id")
    name: str
    plan: Plan
    rpm_override: int | None = None
    monthly_tailor_override: int | None = None
    created_at: datetime


class KeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key_id: str = Field(validation_alias="id")
    org_id: str
    prefix: str = Field(validation_alias="display_prefix")
    created_at: datetime
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None


class CreatedKeyOut(KeyOut):
    key: str = Field(description="The full API key. Shown once; only its hash is stored.")

    @classmethod
    def of(cls, created: CreatedKey) -> CreatedKeyOut:
        k = created.key
        return cls.model_validate(
            {
                "id": k.id,
                "org_id": k.org_id,
                "display_prefix": k.display_prefix,
                "created_at": k.created_at,
                "key": created.secret,
            }
        )
