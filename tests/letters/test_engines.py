import pytest
from tests.llm.configs import llm_config as config
from tests.llm.configs import secret_box

from refleum.errors import LLMProviderFailed
from refleum.letters.engines import LocalLetterEngine, engine_for
from refleum.letters.llm_engine import LLMLetterEngine


@pytest.fixture
def secrets(tmp_path):
    return secret_box(tmp_path)


def test_the_local_provider_gets_the_local_engine(secrets):
    engine = engine_for(config(), secrets, allow_private=False, timeout_s=5)
    assert isinstance(engine, LocalLetterEngine)
    assert engine.supports("pt-BR") and not engine.supports("zh")


async def test_a_model_provider_gets_the_llm_engine_which_owns_and_closes_its_client(secrets):
    engine = engine_for(
        config(provider="openai-compatible", model="m", api_base="http://127.0.0.1:9/v1"),
        secrets,
        allow_private=True,
        timeout_s=5,
    )
    assert isinstance(engine, LLMLetterEngine)
    assert engine.name == "openai-compatible:m" and engine.supports("zh")
    await engine.aclose()
    assert engine.http_client.is_closed


def test_an_unusable_configuration_is_a_provider_error(secrets):
    with pytest.raises(LLMProviderFailed, match="needs an api_key"):
        engine_for(
            config(provider="openai", model="gpt-x"), secrets, allow_private=False, timeout_s=5
        )
