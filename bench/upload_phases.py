"""Where an upload's time goes until READY: timestamps around each step, for docs/performance.md.

Run: ``PYTHONPATH=src .venv/bin/python -m bench.upload_phases [UPLOADS]`` (SQLite;
REFLEUM_DATABASE_URL for PostgreSQL). Not part of `make bench`: it wraps the parse job's
steps in a server process (``create_app`` below is that server's factory) and writes one
wall-clock mark per step to a file, then prints p50/p95 of the time between consecutive
marks over UPLOADS one-page PDF uploads, each polled every 10 ms until READY.
"""

from __future__ import annotations

import asyncio
import collections
import json
import os
import sys
import tempfile
import time

import httpx

from bench.bench_uploads import POLL_S, RESUME_PDF
from bench.common import bench_org, percentile, unlimited_env, uvicorn_server

STEPS = (
    ("created", "upload stored (before the request's commit)"),
    ("wake", "runner woken (after the response)"),
    ("claimed", "claim committed"),
    ("loaded", "row and original read"),
    ("child_started", "sandbox child forked"),
    ("child_answered", "child's text received (extraction)"),
    ("extracted", "extraction returned to the job"),
    ("structured", "local parser done"),
    ("finished", "READY committed"),
)


def create_app():
    """The app, with each step of a parse marked in $UPLOAD_PHASES_LOG."""
    import refleum.app as app_module
    import refleum.documents.sandbox as sandbox
    import refleum.resumes.service as service
    import refleum.resumes.tasks as tasks
    from refleum.jobs.runner import JobRunner

    log = open(os.environ["UPLOAD_PHASES_LOG"], "a", buffering=1)  # noqa: SIM115

    def mark(step: str) -> None:
        log.write(json.dumps([step, time.time()]) + "\n")

    def after(module, name: str, step: str) -> None:
        original = getattr(module, name)

        async def wrapped(*args, **kwargs):
            result = await original(*args, **kwargs)
            mark(step)
            return result

        setattr(module, name, wrapped)

    after(service, "create_upload", "created")
    after(tasks, "_load", "loaded")
    after(tasks, "extract_in_sandbox", "extracted")
    after(tasks, "_structure", "structured")
    after(tasks, "_finish", "finished")
    original_claim = tasks.claim_parse

    async def claim(db, terms):
        claimed = await original_claim(db, terms)
        if claimed is not None:
            mark("claimed")
        return claimed

    tasks.claim_parse = claim
    original_wake, original_start = JobRunner.wake, sandbox._context.Process.start
    JobRunner.wake = lambda self: (mark("wake"), original_wake(self))[1]
    sandbox._context.Process.start = lambda self: (original_start(self), mark("child_started"))[0]
    original_await = sandbox._await_result

    def await_result(*args):
        result = original_await(*args)
        mark("child_answered")
        return result

    sandbox._await_result = await_result
    return app_module.create_app()


async def _uploads(base: str, headers: dict[str, str], total: int) -> list[tuple[float, float]]:
    """(sent, READY seen) wall-clock times of each upload."""
    times = []
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
        for n in range(total + 1):  # the first one warms up and is dropped
            sent = time.time()
            response = await client.post(
                "/api/v1/resumes", files={"file": (f"{n}.pdf", RESUME_PDF)}
            )
            resume_id = response.json()["data"]["resume_id"]
            while True:  # polled as a client would: nothing to wait on but the API
                got = await client.get(f"/api/v1/resumes/{resume_id}")
                if got.json()["data"]["status"] != "PROCESSING":
                    break
                await asyncio.sleep(POLL_S)
            times.append((sent, time.time()))
    return times[1:]


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as data_dir:
        log_path = f"{data_dir}/phases.log"
        env = {**unlimited_env(data_dir), "UPLOAD_PHASES_LOG": log_path}
        _, headers = bench_org(env)
        with uvicorn_server("bench.upload_phases:create_app", env) as base:
            times = asyncio.run(_uploads(base, headers, total))
        marks = [json.loads(line) for line in open(log_path)]
    # One upload at a time: its marks are the run of marks from its "created" on.
    runs: list[dict[str, float]] = []
    for step, at in marks:
        if step == "created":
            runs.append({})
        if runs:
            runs[-1].setdefault(step, at)
    runs = runs[1:]
    gaps: dict[str, list[float]] = collections.defaultdict(list)
    for (sent, seen), run in zip(times, runs, strict=True):
        previous = sent
        for step, label in STEPS:
            gaps[label].append((run[step] - previous) * 1000)
            previous = run[step]
        gaps["client's next GET reads READY"].append((seen - previous) * 1000)
        gaps["TOTAL: upload sent -> READY seen"].append((seen - sent) * 1000)
    print(f"{total} uploads, load average {os.getloadavg()[0]:.1f}; ms since the previous step:")
    for label, values in gaps.items():
        print(f"  {label:<44} p50 {percentile(values, 50):6.1f}  p95 {percentile(values, 95):6.1f}")


if __name__ == "__main__":
    main()
