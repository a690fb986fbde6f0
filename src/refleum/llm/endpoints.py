"""GET / PUT /api/v1/llm-config."""

from __future__ import annotations

from fastapi import APIRouter

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.envelopes import Envelope
from refleum.llm import service
from refleum.llm.deps import SecretsDep
from refleum.llm.schemas import LLMConfigOut, LLMConfigUpdate
from refleum.orgs.deps import CurrentOrg

router = APIRouter(prefix="/api/v1", tags=["settings"])


@router.get("/llm-config", operation_id="getLlmConfig")
async def get_llm_config(
    org: CurrentOrg, session: SessionDep, secrets: SecretsDep
) -> Envelope[LLMConfigOut]:
    config = await service.get_config(session, org.id)
    return Envelope(data=service.present(config, secrets))


@router.put("/llm-config", operation_id="updateLlmConfig")
async def put_llm_config(
    body: LLMConfigUpdate,
    org: CurrentOrg,
    session: SessionDep,
    settings: SettingsDep,
    secrets: SecretsDep,
) -> Envelope[LLMConfigOut]:
    config = await service.update_config(
        session, org.id, body, secrets=secrets, allow_private_base=settings.llm_allow_private_base
    )
    return Envelope(data=service.present(config, secrets))
