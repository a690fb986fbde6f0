"""The start-up heap is frozen once per process (heap.py), so full collections skip it."""

from __future__ import annotations

import gc

import pytest

from refleum import heap
from refleum.app import create_app


@pytest.fixture
def freezes(monkeypatch) -> list[int]:
    """Starts the test unfrozen; records each gc.freeze() by the frozen count after it."""
    gc.unfreeze()
    monkeypatch.setattr(heap, "_frozen", False)
    calls: list[int] = []
    freeze = gc.freeze

    def counted() -> None:
        freeze()
        calls.append(gc.get_freeze_count())

    monkeypatch.setattr(gc, "freeze", counted)
    yield calls
    gc.unfreeze()  # the test process goes on as it was: nothing of it stays frozen


async def test_a_started_app_freezes_the_heap_once_per_process(freezes, settings):
    assert gc.get_freeze_count() == 0
    first = create_app(settings, run_jobs=False)
    async with first.router.lifespan_context(first):
        # What start-up made (modules, routes, schemas) is in the permanent generation.
        assert len(freezes) == 1 and freezes[0] > 10_000
    second = create_app(settings, run_jobs=False)
    async with second.router.lifespan_context(second):
        assert len(freezes) == 1
