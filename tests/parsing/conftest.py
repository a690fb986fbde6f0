"""Fixtures of the parsing tests: the LLM parser talks to the fake OpenAI-compatible server."""

from tests.fakes.pytest_fixtures import fake_model_server  # noqa: F401
