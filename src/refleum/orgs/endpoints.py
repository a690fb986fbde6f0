"""Admin API (the operator's "organization dashboard"), mounted only with REFLEUM_ADMIN_TOKEN."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Request

from refleum.db import SessionDep
from refleum.envelopes import Envelope
from refleum.errors import MissingKey, Unauthorized, ValidationFailed
from refleum.orgs import service
from refleum.orgs.schemas import CreatedKeyOut, KeyOut, OrgCreate, OrgOut, OrgUpdate


def require_admin(request: Request) -> None:
    expected: str = request.app.state.settings.admin_token
    header = request.headers.get("authorization", "")
    if not header:
        raise MissingKey("Admin token missing: send 'Authorization: Bearer <REFLEUM_ADMIN_TOKEN>'")
    scheme, _, token = header.partition(" ")
    # Case-insensitive scheme, as RFC 7235 says and as API keys are checked.
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), expected.encode()
    ):
        raise Unauthorized("Admin token invalid")


router = APIRouter(
    prefix="/api/v1/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
)


@router.post("/orgs", status_code=201, operation_id="createOrg")
async def create_org(body: OrgCreate, session: SessionDep) -> Envelope[OrgOut]:
    org = await service.create_org(session, body.name, body.plan)
    return Envelope(data=OrgOut.model_validate(org))


@router.get("/orgs", operation_id="listOrgs")
async def list_orgs(session: SessionDep) -> Envelope[list[OrgOut]]:
    return Envelope(data=[OrgOut.model_validate(o) for o in await service.list_orgs(session)])


@router.patch("/orgs/{org_id}", operation_id="updateOrg")
async def update_org(org_id: str, body: OrgUpdate, session: SessionDep) -> Envelope[OrgOut]:
    changes = body.model_dump(exclude_unset=True)
    if changes.get("plan", "") is None:
        raise ValidationFailed("body.plan: cannot be null")
    org = await service.update_org(session, org_id, **changes)
    return Envelope(data=OrgOut.model_validate(org))


@router.post("/orgs/{org_id}/keys", status_code=201, operation_id="createKey")
async def create_key(org_id: str, session: SessionDep) -> Envelope[CreatedKeyOut]:
    created = await service.create_key(session, org_id)
    return Envelope(data=CreatedKeyOut.of(created))


@router.get("/orgs/{org_id}/keys", operation_id="listKeys")
async def list_keys(org_id: str, session: SessionDep) -> Envelope[list[KeyOut]]:
    keys = await service.list_keys(session, org_id)
    return Envelope(data=[KeyOut.model_validate(k) for k in keys])


@router.post("/keys/{key_id}/revoke", operation_id="revokeKey")
async def revoke_key(key_id: str, session: SessionDep) -> Envelope[KeyOut]:
    return Envelope(data=KeyOut.model_validate(await service.revoke_key(session, key_id)))
