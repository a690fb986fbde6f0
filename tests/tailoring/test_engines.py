import pytest
from tests.llm.configs import llm_config as config
from tests.llm.configs import secret_box

from refleum.errors import LLMProviderFailed
from refleum.tailoring.engines import LocalEngine, tailoring_engine_for
from refleum.tailoring.llm_engine import LLMEngine


@pytest.fixture
def secrets(tmp_path):
    return secret_box(tmp_path)


async def test_the_local_provider_gets_the_local_engine_whose_aclose_does_nothing(secrets):
    engine = tailoring_engine_for(config(), secrets, allow_private=False, timeout_s=5)
    assert isinstance(engine, LocalEngine) and engine.name == "local"
    await engine.aclose()


async def test_a_model_provider_gets_the_llm_engine_which_owns_and_closes_its_client(secrets):
    engine = tailoring_engine_for(
        config(provider="openai-compatible", model="m", api_base="http://127.0.0.1:9/v1"),
        secrets,
        allow_private=True,
        timeout_s=7,
    )
    assert isinstance(engine, LLMEngine)
    assert engine.name == "openai-compatible:m" and engine.timeout_s == 7
    assert not engine.http_client.is_closed
    await engine.aclose()
    assert engine.http_client.is_closed


def test_an_unusable_configuration_is_a_provider_error(secrets):
    with pytest.raises(LLMProviderFailed, match="needs an api_key"):
        tailoring_engine_for(
            config(provider="openai", model="gpt-x"), secrets, allow_private=False, timeout_s=5
        )
