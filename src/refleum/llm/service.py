"""Per-organization LLM configuration: defaults, validated updates, encrypted keys."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.errors import ValidationFailed
from refleum.llm.models import LLMConfig
from refleum.llm.repository import LLMConfigRepository
from refleum.llm.schemas import LLMConfigOut, LLMConfigUpdate
from refleum.llm.secrets import SecretBox, mask
from refleum.llm.settings import ProviderSettings
from refleum.llm.ssrf import UnsafeApiBase, check_api_base_async


def default_config(org_id: str) -> LLMConfig:
    """Every default spelled out: ORM column defaults only apply at INSERT time."""
    return LLMConfig(
        org_id=org_id,
        provider="local",
        model="",
        api_key_encrypted=None,
        api_base=None,
        reasoning_effort=None,
        enable_cover_letter=False,
        enable_outreach_message=False,
        content_language="en",
        default_prompt_id="nudge",
        updated_at=None,
    )


async def get_config(session: AsyncSession, org_id: str) -> LLMConfig:
    return await LLMConfigRepository(session, org_id).get() or default_config(org_id)


def present(config: LLMConfig, secrets: SecretBox) -> LLMConfigOut:
    masked = None
    if config.api_key_encrypted:
        try:
            masked = mask(secrets.decrypt(config.api_key_encrypted))
        except Exception:
            # The server's secret changed without a rotation: say so, never show the token.
            masked = "(stored key cannot be decrypted with the current secret)"
    return LLMConfigOut(
        provider=config.provider,
        model=config.model,
        api_key=masked,
        api_base=config.api_base,
        reasoning_effort=config.reasoning_effort,
        enable_cover_letter=config.enable_cover_letter,
        enable_outreach_message=config.enable_outreach_message,
        content_language=config.content_language,
        default_prompt_id=config.default_prompt_id,
        updated_at=config.updated_at,
    )


async def update_config(
    session: AsyncSession,
    org_id: str,
    update: LLMConfigUpdate,
    *,
    secrets: SecretBox,
    allow_private_base: bool,
) -> LLMConfig:
    repo = LLMConfigRepository(session, org_id)
    config = await repo.get()
    if config is None:
        config = repo.add(default_config(org_id))
    fields = update.model_fields_set
    for name in (
        "provider",
        "model",
        "enable_cover_letter",
        "enable_outreach_message",
        "content_language",
        "default_prompt_id",
    ):
        if name in fields and getattr(update, name) is not None:
            setattr(config, name, getattr(update, name))
    if "reasoning_effort" in fields:
        config.reasoning_effort = update.reasoning_effort or None
    if "api_key" in fields:
        config.api_key_encrypted = secrets.encrypt(update.api_key) if update.api_key else None
    if "api_base" in fields:
        config.api_base = (
            await _safe_api_base(update.api_base, allow_private_base) if update.api_base else None
        )
    _check_complete(config)
    config.updated_at = utcnow()
    return config


async def _safe_api_base(url: str, allow_private: bool) -> str:
    try:
        return await check_api_base_async(url, allow_private=allow_private)
    except UnsafeApiBase as exc:
        raise ValidationFailed(f"api_base: {exc.reason}") from exc


def _check_complete(config: LLMConfig) -> None:
    if config.provider == "local":
        return
    if not config.model:
        raise ValidationFailed(f"model: required for provider '{config.provider}'")
    if config.provider == "openai-compatible" and not config.api_base:
        raise ValidationFailed("api_base: required for provider 'openai-compatible'")
    if config.provider in ("openai", "anthropic") and not config.api_key_encrypted:
        raise ValidationFailed(f"api_key: required for provider '{config.provider}'")


def provider_settings(config: LLMConfig, secrets: SecretBox) -> ProviderSettings:
    return ProviderSettings(
        provider=config.provider,
        model=config.model,
        api_key=secrets.decrypt(config.api_key_encrypted) if config.api_key_encrypted else None,
        api_base=config.api_base,
        reasoning_effort=config.reasoning_effort,
    )
