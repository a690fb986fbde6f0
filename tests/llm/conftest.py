from __future__ import annotations

import pytest
from tests.fakes.pytest_fixtures import fake_model_server  # noqa: F401

from refleum.llm.output_modes import ModeMemory
from refleum.llm.providers import build_model
from refleum.llm.settings import ProviderSettings


class FakeClock:
    """Monotonic time that moves only when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def memory() -> ModeMemory:
    return ModeMemory()


@pytest.fixture
def compatible_model(fake_model_server):  # noqa: F811
    settings = ProviderSettings(
        "openai-compatible", "tiny-llm", "sk-test-secret-0123456789", fake_model_server.base_url
    )
    return build_model(settings, allow_private=True)
