"""Field accuracy and speed of extraction + local parse on real resumes nobody here wrote.

Run: ``.venv/bin/python bench/bench_real_parse.py`` (from the checkout root).
Prints accuracy per field kind (tests/fixtures/real/README.md says what a label holds) for the
held-out part, the development part and the synthetic fixtures (tests/fixtures/corpus, scored
the same way through labels derived from their full ground truth); per producer; and
extraction + parse time per page (p50 / p95). The held-out part is printed in aggregate only:
no rule may be tuned against a single held-out document, so its failures are never listed.
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from bench.common import percentile  # noqa: E402
from refleum.documents.errors import ExtractionFailed  # noqa: E402
from refleum.documents.extract import extract_markdown  # noqa: E402
from refleum.parsing.accuracy import corpus_documents  # noqa: E402
from refleum.parsing.label_accuracy import (  # noqa: E402
    LabelScore,
    format_accuracy,
    format_miss_kinds,
    label_from_resume,
    score_label,
)
from refleum.parsing.local_parser import parse_resume  # noqa: E402
from refleum.parsing.real_corpus import real_documents  # noqa: E402
from refleum.resume_data import ResumeData  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "real"
SYNTHETIC = ROOT / "tests" / "fixtures" / "corpus"


def _read(data: bytes, kind: str, label: dict, pages: int) -> tuple[LabelScore, float, str]:
    """(score, extraction + parse ms per page, failure note) for one document."""
    started = time.perf_counter()
    try:
        markdown = extract_markdown(data, kind).markdown
    except ExtractionFailed as error:
        # A document we cannot read scores as an empty parse: every labelled value missed.
        return score_label(label, ResumeData()), _ms_per_page(started, pages), str(error)
    parsed = parse_resume(markdown).data
    return score_label(label, parsed), _ms_per_page(started, pages), ""


def _ms_per_page(started: float, pages: int) -> float:
    return (time.perf_counter() - started) * 1000 / max(pages, 1)


def _section(title: str, score: LabelScore, count: int) -> None:
    print(f"\n--- {title}: {count} documents")
    print(format_accuracy(score))


def main() -> None:
    documents = real_documents(REAL)
    if not documents:
        print(f"no real documents in {REAL}")
        return
    by_split: dict[str, LabelScore] = defaultdict(LabelScore)
    by_producer: dict[str, LabelScore] = defaultdict(LabelScore)
    counts: dict[str, int] = defaultdict(int)
    producer_counts: dict[str, int] = defaultdict(int)
    timings: list[float] = []
    unreadable: dict[str, int] = defaultdict(int)
    development_lines: list[str] = []
    # A held-out document whose template also has development renderings tests new content
    # in a known layout; one whose template never occurs in development tests a new layout.
    developed = {d.entry["template"] for d in documents if d.split == "development"}
    by_novelty: dict[str, LabelScore] = defaultdict(LabelScore)
    novelty_counts: dict[str, int] = defaultdict(int)
    for document in documents:
        score, ms_per_page, failure = _read(
            document.path.read_bytes(), document.kind, document.label, document.pages
        )
        by_split[document.split].add(score)
        counts[document.split] += 1
        if document.split == "heldout":
            seen = document.entry["template"] in developed
            novelty = "template also in development" if seen else "template never in development"
            by_novelty[novelty].add(score)
            novelty_counts[novelty] += 1
        by_producer[document.entry["template"]].add(score)
        producer_counts[document.entry["template"]] += 1
        timings.append(ms_per_page)
        if failure:
            unreadable[document.split] += 1
        if document.split == "development":
            overall = score.overall
            note = f"  UNREADABLE: {failure}" if failure else ""
            development_lines.append(
                f"  {document.id:<44}{overall.right:>4}/{overall.total:<4}{note}"
            )
            development_lines.extend(f"      {miss}" for miss in score.misses)

    _section("held-out (aggregate only)", by_split["heldout"], counts["heldout"])
    for novelty in sorted(by_novelty):
        overall = by_novelty[novelty].overall
        print(
            f"held-out, {novelty}: {novelty_counts[novelty]} documents, "
            f"{overall.right}/{overall.total} = {overall.accuracy or 0:.3f}"
        )
    print("how the held-out misses went wrong:")
    print(format_miss_kinds(by_split["heldout"]))
    if unreadable["heldout"]:
        print(f"unreadable held-out documents: {unreadable['heldout']}")
    _section("development", by_split["development"], counts["development"])
    _synthetic()

    print(f"\n--- per producer / template (all {len(documents)} real documents)")
    print(f"{'producer / template':<58}{'docs':>5}{'right':>7}{'total':>7}{'accuracy':>10}")
    for template in sorted(by_producer, key=str.casefold):
        overall = by_producer[template].overall
        print(
            f"{template[:57]:<58}{producer_counts[template]:>5}{overall.right:>7}"
            f"{overall.total:>7}{overall.accuracy or 0:>10.3f}"
        )

    print(
        f"\nextract + parse ms per page over {len(timings)} real documents: "
        f"p50 {percentile(timings, 50):.1f}  p95 {percentile(timings, 95):.1f}  "
        f"max {max(timings):.1f}"
    )
    print("\ndevelopment documents (right/total) and their misses:")
    print("\n".join(development_lines))


def _synthetic() -> None:
    score, count = LabelScore(), 0
    for document in corpus_documents(SYNTHETIC):
        markdown = extract_markdown(document.data, document.kind).markdown
        score.add(score_label(label_from_resume(document.truth), parse_resume(markdown).data))
        count += 1
    _section("synthetic fixtures (tests/fixtures/corpus)", score, count)


if __name__ == "__main__":
    main()
