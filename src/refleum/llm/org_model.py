"""The model an organization configured, on a guarded HTTP client: one place for every
feature (tailoring, parsing, letters) so they all apply the same SSRF policy and errors."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic_ai.models import Model

from refleum.errors import LLMProviderFailed
from refleum.llm.models import LLMConfig
from refleum.llm.providers import ProviderConfigError, build_model, make_guarded_client
from refleum.llm.secrets import SecretBox
from refleum.llm.service import provider_settings


@dataclass
class OrgModel:
    model: Model
    name: str  # "provider:model", as usage records name it
    reasoning_effort: str | None
    http_client: object  # close it when done: the model does not own it

    async def aclose(self) -> None:
        await self.http_client.aclose()


def org_model(config: LLMConfig, secrets: SecretBox, *, allow_private: bool) -> OrgModel:
    """Raises LLMProviderFailed (502) when the configuration cannot make a model."""
    settings = provider_settings(config, secrets)
    client = make_guarded_client(allow_private=allow_private)
    try:
        model = build_model(settings, http_client=client, allow_private=allow_private)
    except ProviderConfigError as exc:
        raise LLMProviderFailed(f"{config.provider} model {config.model!r}: {exc}") from exc
    return OrgModel(model, f"{config.provider}:{config.model}", settings.reasoning_effort, client)
