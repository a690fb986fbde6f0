"""Pytest fixtures over the fake servers; import them into a conftest.py to use them:

from tests.fakes.pytest_fixtures import fake_model_server  # noqa: F401
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.fakes.model_server import FakeModelServer


@pytest.fixture
def fake_model_server() -> Iterator[FakeModelServer]:
    """A started server with an empty script; stopped after the test."""
    with FakeModelServer() as server:
        yield server
