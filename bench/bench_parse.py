"""Accuracy and speed of the local parser on the labelled corpus.

Run: ``.venv/bin/python bench/bench_parse.py`` (from the checkout root).
Prints field-level precision / recall / F1 per group and overall, the fields that
missed, parse time per document (p50 / p95) and, separately, extraction time, and the
time ``ungrounded_values`` takes on each parse. Then the same scores on markdown
renderings of every corpus resume in every corpus layout (tests/parsing/corpus_markdown),
which measures the parser apart from extraction.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests" / "parsing"))

import json  # noqa: E402

from corpus_markdown import LAYOUTS, expected_for  # noqa: E402

from bench.common import percentile  # noqa: E402
from refleum.analysis.grounding import ungrounded_values  # noqa: E402
from refleum.documents.extract import extract_markdown  # noqa: E402
from refleum.parsing.accuracy import Score, corpus_documents, format_table, score_resume  # noqa: E402
from refleum.parsing.local_parser import parse_resume  # noqa: E402
from refleum.resume_data import ResumeData  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
PARSE_REPEATS = 20


def _timed(function, *args, repeats: int = 1):
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return result, best * 1000


def main() -> None:
    documents = corpus_documents(CORPUS)
    if not documents:
        print(f"no corpus documents in {CORPUS}")
        return
    total = Score()
    extract_ms, parse_ms, ground_ms = [], [], []
    print(f"{'document':<44}{'F1':>7}{'extract ms':>12}{'parse ms':>10}{'ground ms':>11}")
    for document in documents:
        extracted, t_extract = _timed(extract_markdown, document.data, document.kind)
        markdown = extracted.markdown
        result, t_parse = _timed(parse_resume, markdown, repeats=PARSE_REPEATS)
        ungrounded, t_ground = _timed(
            ungrounded_values, result.data, markdown, repeats=PARSE_REPEATS
        )
        score = score_resume(document.truth, result.data)
        total.add(score)
        extract_ms.append(t_extract)
        parse_ms.append(t_parse)
        ground_ms.append(t_ground)
        flag = f"  UNGROUNDED: {ungrounded}" if ungrounded else ""
        print(
            f"{document.name + '.' + document.kind:<44}{score.overall.f1:>7.3f}"
            f"{t_extract:>12.1f}{t_parse:>10.2f}{t_ground:>11.2f}{flag}"
        )
    print()
    print(format_table(total))
    print()
    for label, values in (("extract", extract_ms), ("parse", parse_ms), ("ground", ground_ms)):
        print(
            f"{label:<8} ms per document: p50 {statistics.median(values):.2f}  "
            f"p95 {percentile(values, 95):.2f}  max {max(values):.2f}"
        )
    print(f"\n{len(documents)} documents; misses:")
    for mismatch in total.mismatches:
        print(f"  {mismatch}")
    _synthetic_layouts()


def _synthetic_layouts() -> None:
    total, count, ungrounded = Score(), 0, 0
    for path in sorted(CORPUS.glob("*.json")):
        resume = json.loads(path.read_text(encoding="utf-8"))
        for name, layout in LAYOUTS.items():
            markdown = layout(resume)
            data = parse_resume(markdown).data
            ungrounded += len(ungrounded_values(data, markdown))
            truth = ResumeData.model_validate(expected_for(name, resume))
            total.add(score_resume(truth, data))
            count += 1
    print(
        f"\nsynthetic renderings: {count} ({len(LAYOUTS)} layouts), ungrounded values: {ungrounded}"
    )
    print(format_table(total))


if __name__ == "__main__":
    main()
