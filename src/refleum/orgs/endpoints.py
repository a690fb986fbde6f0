"""Admin API (the operator's "organization dashboard"), mounted only with REFLEUM_ADMIN_TOKEN."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Depends, Request

from refleum.db import SessionDep
from refleum.envelopes import error_responses
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


# 429: every request passes the per-address window (limits/address_limit.py) first.
router = APIRouter(
    prefix="/api/v1/admin",
    tags=["admin"],
    dependencies=[Depends(require_admin)],
    responses=error_responses(400, 401, 404, 429),
)


@router.post("/orgs", status_code=201)
async def create_org(body: OrgCreate, session: SessionDep) -> dict[str, OrgOut]:
    org = await service.create_org(session, body.name, body.plan)
    return {"data": OrgOut.model_validate(org)}


@router.get("/orgs")
async def list_orgs(session: SessionDep) -> dict[str, list[OrgOut]]:
    return {"data": [OrgOut.model_validate(o) for o in await service.list_orgs(session)]}


@router.patch("/orgs/{org_id}")
async def update_org(org_id: str, body: OrgUpdate, session: SessionDep) -> dict[str, OrgOut]:
    changes = body.model_dump(exclude_unset=True)
    if changes.get("plan", "") is None:
        raise ValidationFailed("body.plan: cannot be null")
    org = await service.update_org(session, org_id, **changes)
    return {"data": OrgOut.model_validate(org)}


@router.post("/orgs/{org_id}/keys", status_code=201)
async def create_key(org_id: str, session: SessionDep) -> dict[str, CreatedKeyOut]:
    created = await service.create_key(session, org_id)
    return {"data": CreatedKeyOut.of(created)}


@router.get("/orgs/{org_id}/keys")
async def list_keys(org_id: str, session: SessionDep) -> dict[str, list[KeyOut]]:
    return {"data": [KeyOut.model_validate(k) for k in await service.list_keys(session, org_id)]}


@router.post("/keys/{key_id}/revoke")
async def revoke_key(key_id: str, session: SessionDep) -> dict[str, KeyOut]:
    return {"data": KeyOut.model_validate(await service.revoke_key(session, key_id))}
