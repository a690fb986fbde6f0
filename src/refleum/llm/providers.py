"""Build the pydantic-ai model an organization configured, on a guarded HTTP client.

The HTTP client never follows redirects (a redirect could lead past the ``api_base``
check), ignores proxy settings from the environment, and re-checks the target on every
request and connection, because the DNS answer that passed when the configuration was
saved may have changed since. The SDKs' own
retries are off: :mod:`refleum.llm.structured` owns retrying and the deadline.
Keys come only from the settings, never from the process environment, so an
operator's ``OPENAI_API_KEY`` can never be sent to an organization's server.
"""

from __future__ import annotations

import httpx2
from anthropic import AsyncAnthropic
from openai import AsyncOpenAI
from pydantic_ai.models import Model
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.openai import OpenAIChatModel
from pydantic_ai.providers.anthropic import AnthropicProvider
from pydantic_ai.providers.openai import OpenAIProvider
from pydantic_ai.settings import ModelSettings

from refleum.llm.pinned_transport import PinnedTransport
from refleum.llm.settings import ProviderSettings
from refleum.llm.ssrf import AsyncResolver, check_api_base_async, check_url_form

OPENAI_BASE_URL = "https://api.openai.com/v1"
ANTHROPIC_BASE_URL = "https://api.anthropic.com"
# Servers on a private network often need no key, but the SDK insists on one.
NO_KEY_PLACEHOLDER = "no-key"
DEFAULT_CLIENT_TIMEOUT = httpx2.Timeout(120.0, connect=10.0)


class ProviderConfigError(ValueError):
    """The settings cannot produce a model (the local engine, a missing key or base URL)."""


def build_model(
    settings: ProviderSettings,
    *,
    http_client: httpx2.AsyncClient | None = None,
    allow_private: bool = False,
) -> Model:
    """The pydantic-ai model for ``settings``; pass ``http_client`` to control transport."""
    if settings.provider == "local":
        raise ProviderConfigError("the local engine has no model to call")
    if not settings.model.strip():
        raise ProviderConfigError(f"provider {settings.provider!r} needs a model name")
    client = http_client or make_guarded_client(allow_private=allow_private)
    no_sdk_retries = ModelSettings(max_retries=0)
    if settings.provider == "anthropic":
        anthropic = AsyncAnthropic(
            api_key=_required_key(settings),
            base_url=settings.api_base or ANTHROPIC_BASE_URL,
            http_client=client,
            max_retries=0,
        )
        provider = AnthropicProvider(anthropic_client=anthropic)
        return AnthropicModel(settings.model, provider=provider, settings=no_sdk_retries)
    if settings.provider == "openai":
        base_url, api_key = settings.api_base or OPENAI_BASE_URL, _required_key(settings)
    elif settings.provider == "openai-compatible":
        if not settings.api_base:
            raise ProviderConfigError("provider 'openai-compatible' needs an api_base")
        base_url, api_key = settings.api_base, settings.api_key or NO_KEY_PLACEHOLDER
    else:
        raise ProviderConfigError(f"unknown provider {settings.provider!r}")
    openai = AsyncOpenAI(base_url=base_url, api_key=api_key, http_client=client, max_retries=0)
    return OpenAIChatModel(
        settings.model, provider=OpenAIProvider(openai_client=openai), settings=no_sdk_retries
    )


def make_guarded_client(
    *,
    allow_private: bool,
    resolver: AsyncResolver | None = None,
    timeout: httpx2.Timeout = DEFAULT_CLIENT_TIMEOUT,
) -> httpx2.AsyncClient:
    """A client that refuses redirects and checks every request against the policy.

    The URL's form (scheme, credentials, literal addresses) is checked on each request;
    host names are resolved and checked on each new connection, which then goes to an
    address that passed (see :mod:`refleum.llm.pinned_transport`).
    """

    async def check_target(request: httpx2.Request) -> None:
        url = request.url
        host = f"[{url.host}]" if ":" in url.host else url.host
        port = f":{url.port}" if url.port else ""
        check_url_form(f"{url.scheme}://{host}{port}/", allow_private=allow_private)

    return httpx2.AsyncClient(
        follow_redirects=False,
        timeout=timeout,
        trust_env=False,
        transport=PinnedTransport(allow_private=allow_private, resolver=resolver),
        event_hooks={"request": [check_target]},
    )


async def guarded_client(
    settings: ProviderSettings, allow_private: bool, *, resolver: AsyncResolver | None = None
) -> httpx2.AsyncClient:
    """:func:`make_guarded_client`, after checking ``settings.api_base`` up front.

    Raises :class:`~refleum.llm.ssrf.UnsafeApiBase` when the base is refused now.
    """
    if settings.api_base:
        await check_api_base_async(
            settings.api_base, allow_private=allow_private, resolver=resolver
        )
    return make_guarded_client(allow_private=allow_private, resolver=resolver)


def _required_key(settings: ProviderSettings) -> str:
    if not settings.api_key:
        raise ProviderConfigError(f"provider {settings.provider!r} needs an api_key")
    return settings.api_key
