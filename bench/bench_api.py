"""Authenticated GET /api/v1/resumes/{id} against a bare endpoint sending the same bytes.

Driven by wrk (2 threads, each connection count for BENCH_API_SECONDS), on SQLite and on
PostgreSQL (a fresh database per run). The bare endpoint (bench/baseline_app.py) runs on
the same uvicorn and answers the very bytes refleum answered, so the ratio is the cost of
authentication, storage and middleware. Aim (issue #17): refleum ≥ 0.5× bare on both, with
no error response. wrk's and the server's CPU are printed: wrk well under a core while the
server uses a full one means the server, not the client, is what is measured. The server's
CPU time per request is printed too: on a shared machine it moves far less than req/s does.

Each backend is run twice: reading one resume again and again (a client polling it: the
kept body's and the shared PostgreSQL statement's best case, every read waiting at once
asks for the same row), then 100 resumes in turn (a wrk script), so reads waiting
together ask for different rows. The bare endpoint gets the same paths.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import httpx
from tests.samples import sample_pdf

from bench import wrk
from bench.common import (
    SERVER_PIDS,
    bench_org,
    fresh_pg_database,
    postgres_reachable,
    process_cpu_s,
    unlimited_env,
    uvicorn_server,
)

AIM = 0.5
CONNECTIONS = [int(c) for c in os.environ.get("BENCH_API_CONNECTIONS", "16,64").split(",")]
SECONDS = int(os.environ.get("BENCH_API_SECONDS", "10"))
WARMUP_SECONDS = 2
# Resumes read in turn by the second half of each run (the first reads one, as a polling
# client does): more than the 16 or 64 requests in flight, so reads waiting together ask
# for different rows.
MANY_RESUMES = 100


def _ready_resume(base: str, headers: dict[str, str]) -> str:
    created = httpx.post(
        f"{base}/api/v1/resumes", headers=headers, files={"file": ("r.pdf", sample_pdf())}
    )
    created.raise_for_status()
    resume_id = created.json()["data"]["resume_id"]
    # The body must not change during the run: wait for the parse to finish first.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        got = httpx.get(f"{base}/api/v1/resumes/{resume_id}", headers=headers)
        if got.json()["data"]["status"] != "PROCESSING":
            return resume_id
        time.sleep(0.1)
    raise RuntimeError("the benchmark's resume never finished parsing")


def _drive(
    base: str, url: str, headers: dict[str, str], script: str | None = None
) -> dict[int, tuple]:
    """{connections: (wrk result, server CPU share of one core)}."""
    pid = SERVER_PIDS[base]
    out = {}
    for connections in CONNECTIONS:
        wrk.run(url, headers, connections=connections, seconds=WARMUP_SECONDS, script=script)
        cpu_before = process_cpu_s(pid)
        result = wrk.run(url, headers, connections=connections, seconds=SECONDS, script=script)
        out[connections] = (result, (process_cpu_s(pid) - cpu_before) / result.wall_s)
    return out


def _line(name: str, connections: int, result: wrk.WrkResult, server_cpu: float) -> str:
    return (
        f"  {name:8s} c={connections:<3d} {result.rps:8.0f} req/s  p50 {result.p50_ms:7.2f} ms  "
        f"p99 {result.p99_ms:7.2f} ms  errors {result.errors:<4d} "
        f"cpu: server {server_cpu:4.0%} wrk {result.wrk_core_share:4.0%}  "
        f"server CPU/req {server_cpu * result.wall_s / max(result.requests, 1) * 1e6:6.0f} us"
    )


def _run_backend(label: str, env: dict[str, str], data_dir: Path) -> bool:
    _, headers = bench_org(env)
    with uvicorn_server("refleum.app:create_app", env) as base:
        ids = [_ready_resume(base, headers) for _ in range(MANY_RESUMES)]
        url = f"{base}/api/v1/resumes/{ids[0]}"
        body = httpx.get(url, headers=headers).content
        one = _drive(base, url, headers)
        # The same read over many resumes in turn: each PostgreSQL statement then answers
        # several different rows, and each resume's kept body is its own.
        in_turn = wrk.paths_in_turn_script([f"/api/v1/resumes/{i}" for i in ids], str(data_dir))
        many = _drive(base, url, headers, in_turn)
    body_file = data_dir / "bare-body.json"
    body_file.write_bytes(body)
    with uvicorn_server(
        "bench.baseline_app:create_app", {"REFLEUM_BENCH_BODY_FILE": str(body_file)}
    ) as base:
        assert httpx.get(f"{base}/item/{ids[0]}").content == body
        bare_url = f"{base}/item/{ids[0]}"
        bare_one = _drive(base, bare_url, {})
        bare_in_turn = wrk.paths_in_turn_script([f"/item/{i}" for i in ids], str(data_dir))
        bare_many = _drive(base, bare_url, {}, bare_in_turn)
    print(f"{label} (GET /api/v1/resumes/{{id}}, {len(body)} response bytes, {SECONDS} s each)")
    passed = True
    for what, refleum, bare in (
        ("one resume", one, bare_one),
        (f"{MANY_RESUMES} resumes in turn", many, bare_many),
    ):
        for connections in CONNECTIONS:
            print(_line("bare", connections, *bare[connections]))
            print(_line("refleum", connections, *refleum[connections]))
            ratio = refleum[connections][0].rps / bare[connections][0].rps
            clean = refleum[connections][0].errors == 0 and bare[connections][0].errors == 0
            verdict = "PASS" if ratio >= AIM and clean else "MISS"
            passed = passed and verdict == "PASS"
            print(
                f"  {label}, {what}, c={connections}: refleum/bare {ratio:.2f}x "
                f"(aim >= {AIM}x, no errors) {verdict}"
            )
    return passed


def main() -> None:
    if not wrk.available():
        print(f"SKIP bench_api: {wrk.INSTALL_HINT}")
        return
    with tempfile.TemporaryDirectory() as data_dir:
        # Rate limits off: this measures auth + storage; bench_limits measures the limiter.
        _run_backend("SQLite", unlimited_env(data_dir), Path(data_dir))
    if not postgres_reachable():
        print("SKIP PostgreSQL: not reachable (REFLEUM_TEST_PG_DSN)")
        return
    with tempfile.TemporaryDirectory() as data_dir, fresh_pg_database() as url:
        env = {**unlimited_env(data_dir), "REFLEUM_DATABASE_URL": url}
        _run_backend("PostgreSQL", env, Path(data_dir))
