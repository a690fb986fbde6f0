from __future__ import annotations

import httpx2
import pytest
from pydantic import BaseModel
from pydantic_ai.models.anthropic import AnthropicModel
from pydantic_ai.models.openai import OpenAIChatModel
from tests.fakes import replies

from refleum.llm.errors import LLMProviderError
from refleum.llm.pinned_transport import VettedNetworkBackend
from refleum.llm.providers import (
    ProviderConfigError,
    build_model,
    guarded_client,
    make_guarded_client,
)
from refleum.llm.settings import ProviderSettings
from refleum.llm.ssrf import UnsafeApiBase, vetted_addresses
from refleum.llm.structured import run_structured


class Answer(BaseModel):
    value: str


async def ask(model, memory, **kwargs):
    return await run_structured(
        model, Answer, system="s", prompt="p", timeout_s=5, memory=memory, **kwargs
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (ProviderSettings("local", "", None, None), "local engine"),
        (ProviderSettings("openai", "gpt-4o", None, None), "api_key"),
        (ProviderSettings("anthropic", "claude-sonnet-5-5", "", None), "api_key"),
        (ProviderSettings("openai-compatible", "llama3", None, None), "api_base"),
        (ProviderSettings("openai", " ", "sk-x", None), "model name"),
    ],
)
def test_unbuildable_settings(settings, message):
    with pytest.raises(ProviderConfigError, match=message):
        build_model(settings)


def test_model_types_and_default_bases(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "https://evil.example/v1")
    openai = build_model(ProviderSettings("openai", "gpt-4o", "sk-a", None))
    assert isinstance(openai, OpenAIChatModel)
    assert openai.base_url.startswith("https://api.openai.com/v1")
    anthropic = build_model(ProviderSettings("anthropic", "claude-sonnet-5-5", "sk-b", None))
    assert isinstance(anthropic, AnthropicModel)
    assert anthropic.base_url.startswith("https://api.anthropic.com")


def test_sdk_retries_are_off():
    model = build_model(ProviderSettings("openai", "gpt-4o", "sk-a", None))
    assert model.client.max_retries == 0
    assert model.settings["max_retries"] == 0
    claude = build_model(ProviderSettings("anthropic", "claude-sonnet-5-5", "sk-b", None))
    assert claude.client.max_retries == 0


async def test_environment_key_never_reaches_a_compatible_server(
    fake_model_server, memory, monkeypatch
):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-operator-secret-key")
    settings = ProviderSettings("openai-compatible", "m", None, fake_model_server.base_url)
    fake_model_server.enqueue(replies.tool_call({"value": "ok"}))
    await ask(build_model(settings, allow_private=True), memory)
    assert "sk-operator" not in fake_model_server.requests[0].headers["authorization"]


async def test_one_request_per_attempt(fake_model_server, compatible_model, memory):
    fake_model_server.enqueue(replies.http_error(500), replies.tool_call({"value": "late"}))
    with pytest.raises(LLMProviderError):
        await ask(compatible_model, memory, max_attempts=1)
    assert fake_model_server.call_count == 1  # the SDK did not retry behind our back


async def test_redirects_are_not_followed(fake_model_server, compatible_model, memory):
    target = f"{fake_model_server.base_url}/chat/completions"
    fake_model_server.enqueue(replies.redirect(target), replies.tool_call({"value": "x"}))
    with pytest.raises(LLMProviderError, match="307"):
        await ask(compatible_model, memory)
    assert fake_model_server.call_count == 1


async def test_private_base_is_refused_before_any_request(fake_model_server, memory):
    settings = ProviderSettings("openai-compatible", "m", None, fake_model_server.base_url)
    model = build_model(settings, allow_private=False)
    fake_model_server.enqueue(replies.tool_call({"value": "x"}))
    with pytest.raises(LLMProviderError, match="api_base refused") as info:
        await ask(model, memory)
    assert "http" in info.value.detail
    assert fake_model_server.call_count == 0


async def test_connections_go_to_the_vetted_address(fake_model_server, memory):
    # "models.test" exists only in this resolver: reaching the fake server proves the
    # connection used the address that was checked, not a second lookup.
    async def resolver(host, port):
        return ["127.0.0.1"] if host == "models.test" else []

    client = make_guarded_client(allow_private=True, resolver=resolver)
    base = f"http://models.test:{fake_model_server.port}/v1"
    model = build_model(ProviderSettings("openai-compatible", "m", None, base), http_client=client)
    fake_model_server.enqueue(replies.tool_call({"value": "pinned"}))
    assert (await ask(model, memory)).output.value == "pinned"
    await client.aclose()


async def test_each_new_connection_is_checked_again():
    answers = [["93.184.216.34"], ["127.0.0.1"]]

    async def rebinding_resolver(host, port):
        return answers.pop(0)

    backend = VettedNetworkBackend(allow_private=False, resolver=rebinding_resolver)
    assert await vetted_addresses(
        "models.example.com", 443, allow_private=False, resolver=rebinding_resolver
    )
    with pytest.raises(UnsafeApiBase, match="loopback"):
        await backend.connect_tcp("models.example.com", 443)  # rebound to loopback


async def test_private_answer_fails_the_call_without_retries(memory, clock):
    async def resolver(host, port):
        return ["10.0.0.9"]

    client = make_guarded_client(allow_private=False, resolver=resolver)
    settings = ProviderSettings("openai-compatible", "m", None, "https://models.example.com/v1")
    model = build_model(settings, http_client=client)
    with pytest.raises(LLMProviderError, match="api_base refused.*private"):
        await ask(model, memory, sleep=clock.sleep, clock=clock)
    assert clock.sleeps == []
    await client.aclose()


async def test_request_hook_checks_the_url_form():
    client = make_guarded_client(allow_private=False)
    (hook,) = client.event_hooks["request"]
    assert client.follow_redirects is False
    with pytest.raises(UnsafeApiBase, match="https"):
        await hook(httpx2.Request("POST", "http://models.example.com/v1/chat/completions"))
    with pytest.raises(UnsafeApiBase, match="metadata"):
        await hook(httpx2.Request("GET", "https://169.254.169.254/latest"))
    await client.aclose()


async def test_guarded_client_checks_the_base_up_front():
    async def resolver(host, port):
        return ["10.0.0.3"]

    settings = ProviderSettings("openai-compatible", "m", None, "https://internal.example/v1")
    with pytest.raises(UnsafeApiBase, match="private"):
        await guarded_client(settings, False, resolver=resolver)
    client = await guarded_client(settings, True, resolver=resolver)
    assert client.follow_redirects is False
    await client.aclose()
