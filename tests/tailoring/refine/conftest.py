"""The truth facts of the test resume, built once per module (they are immutable)."""

from __future__ import annotations

import pytest
from tests.tailoring.test_guard import make_resume

from refleum.analysis.facts import TruthFacts


@pytest.fixture(scope="module")
def facts() -> TruthFacts:
    return TruthFacts.from_resume(make_resume())
