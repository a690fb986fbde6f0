"""Rendering: ms per page (p50/p95) per template, ATS round-trip F1 over the corpus, and
cached GET /resumes/{id}/pdf requests per second through a real server."""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

import httpx
from pdfminer.pdfpage import PDFPage
from tests.samples import sample_pdf

from bench.common import bench_org, load, percentile, unlimited_env, uvicorn_server
from refleum.documents.extract import extract_markdown
from refleum.documents.render import TEMPLATES, render_pdf
from refleum.parsing.accuracy import Score, format_table, score_resume
from refleum.parsing.local_parser import parse_resume
from refleum.resume_data import ResumeData

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "corpus"
ROUNDS = 3


def _corpus() -> dict[str, ResumeData]:
    return {
        p.stem: ResumeData.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(CORPUS.glob("*.json"))
    }


def _pages(pdf: bytes) -> int:
    return sum(1 for _ in PDFPage.get_pages(io.BytesIO(pdf)))


def render_times(corpus: dict[str, ResumeData]) -> None:
    for template in TEMPLATES:
        per_page_ms: list[float] = []
        for _ in range(ROUNDS):
            for data in corpus.values():
                started = time.perf_counter()
                pdf = render_pdf(data, template=template)
                per_page_ms.append((time.perf_counter() - started) * 1000 / _pages(pdf))
        print(
            f"render {template:8s} per page: p50 {percentile(per_page_ms, 50):6.1f} ms  "
            f"p95 {percentile(per_page_ms, 95):6.1f} ms  n={len(per_page_ms)}"
        )


def round_trip(corpus: dict[str, ResumeData]) -> None:
    for template in TEMPLATES:
        total = Score()
        print(f"\nATS round trip, {template}: render -> extract_markdown -> parse_resume")
        for name, truth in corpus.items():
            pdf = render_pdf(truth, template=template)
            predicted = parse_resume(extract_markdown(pdf, "pdf").markdown).data
            score = score_resume(truth, predicted)
            total.add(score)
            print(f"  {name:34s} F1 {score.overall.f1:.3f}  mismatches {len(score.mismatches)}")
        print(format_table(total))


def _ready_resume(base: str, headers: dict[str, str], data: ResumeData) -> str:
    created = httpx.post(
        f"{base}/api/v1/resumes", headers=headers, files={"file": ("r.pdf", sample_pdf())}
    )
    resume_id = created.json()["data"]["resume_id"]
    deadline = time.monotonic() + 30  # let the background parse finish before overwriting
    while time.monotonic() < deadline:
        status = httpx.get(f"{base}/api/v1/resumes/{resume_id}", headers=headers)
        if status.json()["data"]["status"] != "PROCESSING":
            break
        time.sleep(0.2)
    patched = httpx.patch(
        f"{base}/api/v1/resumes/{resume_id}",
        headers=headers,
        json={"structuredData": data.model_dump(), "status": "READY"},
    )
    patched.raise_for_status()
    return resume_id


def cached_requests(corpus: dict[str, ResumeData]) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        # The public endpoint is limited per address; a benchmark from one address measures
        # the endpoint, not the limiter.
        env = unlimited_env(data_dir)
        _, headers = bench_org(env)
        with uvicorn_server("refleum.app:create_app", env) as base:
            resume_id = _ready_resume(base, headers, corpus["michael_obrien_lawyer"])
            url = f"{base}/api/v1/resumes/{resume_id}/pdf"
            started = time.perf_counter()
            # An uploaded original's PDF needs its org's key (tailored ones are keyless).
            httpx.get(url, headers=headers, timeout=60).raise_for_status()  # uncached render
            first_ms = (time.perf_counter() - started) * 1000
            figures = load(url, headers, total=1000)
    print(f"\nGET /pdf first (render + store) {first_ms:7.1f} ms")
    print(
        f"GET /pdf cached  {figures['rps']:8.0f} req/s  p50 {figures['p50']:6.2f} ms  "
        f"p99 {figures['p99']:6.2f} ms"
    )


def main() -> None:
    corpus = _corpus()
    render_times(corpus)
    round_trip(corpus)
    cached_requests(corpus)


if __name__ == "__main__":
    main()
