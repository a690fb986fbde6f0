"""/health latency while hostile uploads run: the event loop must never be held.

The real server (uvicorn, one process, as `refleum serve` runs) is polled on /health one
request at a time, first idle (the baseline), then while two clients keep uploading
hostile files: digit-run "PDFs" (the quadratic-regex shape of issue #11, 1 MB and 8 MB)
and DOCX files that pass the upload check but hold a book of text or 80,000 paragraphs
(their parse jobs then fail in the sandbox on the text budget). Target: p99 < 100 ms.

Run: ``.venv/bin/python -m bench bench_hostile`` (about 40 s here).
"""

from __future__ import annotations

import asyncio
import itertools
import multiprocessing
import os
import tempfile
import time
from collections import Counter

import httpx
from tests.documents import hostile_files as hostile

from bench.common import bench_org, percentile, uvicorn_server

PHASE_S = float(os.environ.get("REFLEUM_BENCH_HOSTILE_S", "15"))
TARGET_P99_MS = 100.0
UPLOADERS = 2
MB = 1024 * 1024


def _hostile_files() -> list[tuple[str, bytes]]:
    files = {
        "digits-1mb.pdf": lambda: hostile.digit_run_pdf(MB),
        "digits-8mb.pdf": lambda: hostile.digit_run_pdf(8 * MB),
        "book.docx": lambda: hostile.book_docx(2 * MB),
        "paragraphs.docx": lambda: hostile.many_paragraphs_docx(80_000),
    }
    # REFLEUM_BENCH_HOSTILE_FILES=digits-8mb.pdf,book.docx runs a subset (to find a culprit).
    wanted = [n for n in os.environ.get("REFLEUM_BENCH_HOSTILE_FILES", "").split(",") if n]
    return [(name, make()) for name, make in files.items() if not wanted or name in wanted]


async def _health_latencies(http: httpx.AsyncClient, seconds: float) -> list[float]:
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        response = await http.get("/api/v1/health")
        latencies.append(time.perf_counter() - started)
        response.raise_for_status()
        await asyncio.sleep(0.01)
    return latencies


def _uploader_main(base: str, headers: dict[str, str], offset: int, seconds: float, counts):
    """One uploading client, in its own process: encoding 8 MB bodies must not delay the
    /health poller's own event loop, or the bench would measure itself."""
    files = _hostile_files()
    files = files[offset:] + files[:offset]
    deadline = time.monotonic() + seconds
    with httpx.Client(base_url=base, timeout=120) as http:
        for name, data in itertools.cycle(files):
            if time.monotonic() > deadline:
                return
            response = http.post("/api/v1/resumes", headers=headers, files={"file": (name, data)})
            counts.put(response.status_code)


async def _measure(base: str, headers: dict[str, str]) -> tuple[list[float], list[float], dict]:
    context = multiprocessing.get_context("spawn")
    statuses = context.Queue()
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        await _health_latencies(http, 1)  # warm-up
        idle = await _health_latencies(http, PHASE_S)
        uploaders = [
            context.Process(
                target=_uploader_main, args=(base, headers, i, PHASE_S + 1, statuses), daemon=True
            )
            for i in range(UPLOADERS)
        ]
        for process in uploaders:
            process.start()
        await asyncio.sleep(1.0)  # the uploaders are up and their first uploads under way
        try:
            hostile_phase = await _health_latencies(http, PHASE_S)
        finally:
            for process in uploaders:
                process.join(timeout=130)
                if process.is_alive():
                    process.kill()
    counts = Counter()
    while not statuses.empty():
        counts[statuses.get()] += 1
    return idle, hostile_phase, dict(counts)


def _line(label: str, samples: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in samples]
    figures = {"p50": percentile(ms, 50), "p99": percentile(ms, 99), "max": max(ms)}
    print(
        f"{label:<28} p50 {figures['p50']:7.2f} ms  p99 {figures['p99']:7.2f} ms  "
        f"max {figures['max']:7.2f} ms  n={len(ms)}"
    )
    return figures


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            "REFLEUM_DATA_DIR": data_dir,
            "REFLEUM_LOG_LEVEL": "WARNING",
            # One address sends everything: the limiter is not what is measured here.
            "REFLEUM_PUBLIC_RPM": "1000000",
            "REFLEUM_ADDRESS_RPM": "1000000",
        }
        _, headers = bench_org(env, rpm=1_000_000)
        with uvicorn_server("refleum.app:create_app", env) as base:
            idle, under_attack, counts = asyncio.run(_measure(base, headers))
    baseline = _line("/health idle", idle)
    hostile_figures = _line("/health during hostile uploads", under_attack)
    print(f"uploads answered during the hostile phase, by status: {dict(sorted(counts.items()))}")
    print(
        f"p99 ratio hostile/idle: {hostile_figures['p99'] / baseline['p99']:.1f}x; "
        f"target p99 < {TARGET_P99_MS:.0f} ms: "
        f"{'met' if hostile_figures['p99'] < TARGET_P99_MS else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
