"""Extraction time per corpus document: in-process and through the sandbox.

Run: ``.venv/bin/python bench/bench_extract.py`` (about 15 s here).
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path

from refleum.documents.extract import extract_in_sandbox, extract_markdown
from refleum.documents.sniff import check_upload

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"
ROUNDS = 10
SANDBOX_ROUNDS = 3


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _report(label: str, timings: list[float]) -> None:
    ms = [t * 1000 for t in timings]
    print(
        f"{label:<34} n={len(ms):>4}  p50={statistics.median(ms):7.1f} ms  "
        f"p95={_percentile(ms, 0.95):7.1f} ms  max={max(ms):7.1f} ms"
    )


def _time_in_process(documents: list[Path]) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"pdf": [], "docx": []}
    for path in documents:
        data = path.read_bytes()
        kind = check_upload(data)
        extract_markdown(data, kind)  # warm caches (fonts, imports)
        per_file = []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            extract_markdown(data, kind)
            per_file.append(time.perf_counter() - started)
        timings[kind].extend(per_file)
        _report(f"  {path.name}", per_file)
    return timings


async def _time_sandbox(documents: list[Path]) -> list[float]:
    timings = []
    for path in documents:
        data = path.read_bytes()
        kind = check_upload(data)
        for _ in range(SANDBOX_ROUNDS):
            started = time.perf_counter()
            await extract_in_sandbox(data, kind)
            timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    documents = sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx"))
    print(f"extract_markdown, in process, {ROUNDS} rounds per document")
    timings = _time_in_process(documents)
    _report("all PDF", timings["pdf"])
    _report("all DOCX", timings["docx"])
    _report("all documents", timings["pdf"] + timings["docx"])
    sandbox = asyncio.run(_time_sandbox(documents))
    _report(f"extract_in_sandbox ({SANDBOX_ROUNDS} rounds)", sandbox)


if __name__ == "__main__":
    main()
