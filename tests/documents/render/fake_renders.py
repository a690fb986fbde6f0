"""Render functions the tests give RenderPool. They run in the pool's worker processes, so
they are module-level (sent by reference) and talk to the test through files, not memory."""

from __future__ import annotations

import os
import time
from pathlib import Path

from refleum.documents.render import RenderFailed
from refleum.documents.render.pdf import render_pdf


def sleep_then_render(seconds: float, data, **opts) -> bytes:
    time.sleep(seconds)
    return render_pdf(data, **opts)


def broken(data, **opts) -> bytes:
    raise RenderFailed("text uses characters the PDF fonts cannot show: 太 (U+592A)")


def hang(pid_file: str, data, **opts) -> bytes:
    """Says which process it runs in, then never finishes (a layout that runs away)."""
    Path(pid_file).write_text(str(os.getpid()))
    time.sleep(600)
    return b"%PDF never"


def logged(log_file: str, data, **opts) -> bytes:
    """Sleeps as long as the resume's name says ("sleep 0.5"), then appends
    ``start end name`` to ``log_file`` (one short append: atomic between processes)."""
    name = data.personalInfo.name
    started = time.time()
    if name.startswith("sleep "):
        time.sleep(float(name.split()[1]))
    with open(log_file, "a", encoding="utf-8") as log:
        log.write(f"{started} {time.time()} {name}\n")
    return f"%PDF {name}".encode()


def intervals(log_file: Path) -> list[tuple[float, float, str]]:
    if not log_file.exists():
        return []
    rows = [line.split(" ", 2) for line in log_file.read_text().splitlines()]
    return [(float(a), float(b), name) for a, b, name in rows]


def peak_overlap(spans: list[tuple[float, float, str]]) -> int:
    events = sorted([(s, 1) for s, _, _ in spans] + [(e, -1) for _, e, _ in spans])
    running = peak = 0
    for _, step in events:  # an end sorts before a start at the same instant
        running += step
        peak = max(peak, running)
    return peak
