"""Authenticated GET /api/v1/resumes/{id} against a bare FastAPI endpoint, same server setup."""

from __future__ import annotations

import tempfile

import httpx
from tests.samples import sample_pdf

from bench.common import bench_org, load, unlimited_env, uvicorn_server


def _report(name: str, figures: dict[str, float]) -> None:
    print(
        f"{name:36s} {figures['rps']:8.0f} req/s  p50 {figures['p50']:6.2f} ms  "
        f"p99 {figures['p99']:6.2f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        # Rate limits off: this measures auth + storage; bench_limits measures the limiter.
        env = unlimited_env(data_dir)
        _, headers = bench_org(env)
        with uvicorn_server("refleum.app:create_app", env) as base:
            created = httpx.post(
                f"{base}/api/v1/resumes", headers=headers, files={"file": ("r.pdf", sample_pdf())}
            )
            resume_id = created.json()["data"]["resume_id"]
            refleum = load(f"{base}/api/v1/resumes/{resume_id}", headers)
    with uvicorn_server("bench.baseline_app:create_app") as base:
        bare = load(f"{base}/item/res_1")
    _report("bare FastAPI GET", bare)
    _report("refleum GET /resumes/{id} (auth)", refleum)
    print(
        f"ratio refleum/bare: throughput {refleum['rps'] / bare['rps']:.2f}x, "
        f"p50 latency {refleum['p50'] / bare['p50']:.2f}x"
    )
