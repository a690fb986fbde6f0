from __future__ import annotations

from tests.fakes.pytest_fixtures import fake_model_server  # noqa: F401
