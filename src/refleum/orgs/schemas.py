from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from refleum.orgs.plans import Plan
from refleum.orgs.service import CreatedKey


class OrgCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    plan: Plan = Plan.FREE


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
            {"id": k.id, "org_id": k.org_id, "display_prefix": k.display_prefix,
             "created_at": k.created_at, "key": created.secret}
        )
