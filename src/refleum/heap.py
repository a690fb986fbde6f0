"""The start-up heap, kept out of the garbage collector's full passes.

A full (generation 2) collection walks every object the collector tracks. With all that
refleum imports, a started process holds about 430,000 of them, and one such pass took
280-320 ms here, a pause in which the process answers nothing: it was the 265 ms p99 of
``make bench``'s hot read. What exists once a process has started (modules, routes,
schemas, validators) lives as long as the process, so it is moved to the permanent
generation (``gc.freeze``), once per process; later passes walk only what requests made.
Reference counting still frees anything of it that is released; only a reference cycle
among frozen objects would stay, and start-up does not make garbage it keeps.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_startup_heap() -> None:
    """Once per process, after start-up: collect what start-up left, freeze the rest."""
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.collect()  # start-up's own garbage is freed, not frozen
    gc.freeze()
