"""The pieces of `make bench-load` (bench/load/), without running the 5-minute load test.

The checks must say MISS when what they check broke, the workload must build, the
Locust file must import in Locust's own process (it patches the standard library with
gevent, so never in this one), and every address the harness talks to is on 127.0.0.1.
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from bench.load import checks
from bench.load.checks import Outage
from bench.load.cluster import Cluster
from bench.load.cpu import CpuMeter
from bench.load.workload import (
    MIX,
    LoadConfig,
    OrgSetup,
    Tally,
    classify,
    multipart,
    pick_operation,
    upload_documents,
)

from refleum.config import Settings

ROOT = Path(__file__).resolve().parent.parent


# -- the workload ---------------------------------------------------------------------------


def test_upload_documents_are_real_pdfs_and_docx_files_of_the_corpus():
    documents = upload_documents()
    kinds = Counter(d.content_type for d in documents)
    assert len(kinds) == 2, kinds
    for document in documents:
        magic = b"%PDF" if document.name.endswith(".pdf") else b"PK\x03\x04"
        assert document.content.startswith(magic), document.name


def test_multipart_body_carries_the_file_under_the_field_the_api_reads():
    document = upload_documents()[0]
    body, content_type = multipart(document)
    boundary = content_type.split("boundary=")[1]
    assert content_type.startswith("multipart/form-data")
    assert body.startswith(f"--{boundary}".encode())
    assert f'name="file"; filename="{document.name}"'.encode() in body
    assert document.content in body


def test_the_mix_picks_every_operation_in_proportion_to_its_weight():
    rng = random.Random(7)
    picked = Counter(pick_operation(rng) for _ in range(20_000))
    assert set(picked) == set(MIX)
    total = sum(MIX.values())
    for name, weight in MIX.items():
        assert abs(picked[name] / 20_000 - weight / total) < 0.02, name


def test_load_config_round_trips_through_its_file(tmp_path):
    config = LoadConfig([OrgSetup("org_1", "sk_x", ["res_1", "res_2"])], 500, "/tmp/r.json")
    config.dump(tmp_path / "c.json")
    again = LoadConfig.load(tmp_path / "c.json")
    assert again == config
    assert again.orgs[0].headers == {"Authorization": "Bearer sk_x"}


@pytest.mark.parametrize(
    ("status", "failed", "outcome"),
    [(0, True, "connection"), (503, True, "5xx"), (429, True, "429"), (404, True, "4xx"),
     (201, False, "ok"), (200, True, "failed")],
)  # fmt: skip
def test_classify(status, failed, outcome):
    assert classify(status, failed) == outcome


def test_tally_keeps_each_answer_that_was_not_ok_with_its_time():
    tally = Tally()
    tally.record("get resume", 200, False, 10.0, "")
    tally.record("get resume", 500, True, 11.0, "boom")
    tally.record("upload", 0, True, 12.0, "ConnectionResetError")
    assert tally.total() == 3
    assert tally.as_dict()["outcomes"] == {
        "get resume": {"ok": 1, "5xx": 1},
        "upload": {"connection": 1},
    }
    kept = [(p["outcome"], p["ended_at"]) for p in tally.problems]
    assert kept == [("5xx", 11.0), ("connection", 12.0)]


def test_figures_leave_requests_without_an_answer_out_of_the_percentiles():
    tally = Tally()
    for ms in (10.0, 20.0, 30.0, 40.0):
        tally.record("get resume", 200, False, 1.0, "", ms)
    tally.record("get resume", 0, True, 2.0, "ConnectionRefusedError", 0.5)
    got = tally.figures(elapsed_s=2.0)["get resume"]
    assert (got["requests"], got["answered"], got["rps"]) == (5, 4, 2.0)
    assert (got["p50"], got["p99"]) == (30.0, 40.0)
    assert tally.figures(elapsed_s=2.0)["all"]["answered"] == 4


def test_figures_outside_an_outage_leave_out_its_requests_and_its_time():
    tally = Tally()
    tally.record("list resumes", 200, False, 1.0, "", 10.0)
    tally.record("list resumes", 200, False, 5.0, "", 900.0)  # slow, during the restart
    tally.record("list resumes", 200, False, 9.0, "", 20.0)
    got = tally.figures(elapsed_s=10.0, outside=[(4.0, 6.0)])["list resumes"]
    assert got["answered"] == 2 and got["requests"] == 3
    assert got["rps"] == 2 / 8.0
    assert got["p99"] == 20.0


def test_the_locustfile_imports_in_locust_and_serves_every_operation_of_the_mix():
    script = (
        "import bench.load.locustfile as f\n"
        "from bench.load.workload import MIX\n"
        "assert set(f._METHODS) == set(MIX), set(f._METHODS) ^ set(MIX)\n"
        "assert all(callable(getattr(f.ApiClient, m)) for m in f._METHODS.values())\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
    listed = subprocess.run(
        [sys.executable, "-m", "locust", "-f", "bench/load/locustfile.py", "--list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "ApiClient" in listed.stdout, listed.stderr[-2000:]


def test_cpu_meter_counts_the_cpu_of_its_groups_only_even_of_a_process_that_exited():
    busy = "import time\nend = time.process_time() + 0.6\nwhile time.process_time() < end: pass"
    child = subprocess.Popen([sys.executable, "-c", busy], start_new_session=True)
    meter = CpuMeter(lambda: {child.pid: "busy"}, every_s=0.05)
    meter.start()
    child.wait(timeout=60)
    time.sleep(0.2)  # sampled after it exited: its last sample must still count
    totals = meter.stop()
    assert set(totals) <= {"busy"}  # this test's own process is in no measured group
    assert 0.3 <= totals.get("busy", 0.0) <= 5.0, totals


# -- the checks -----------------------------------------------------------------------------


def _problem(outcome: str, ended_at: float = 0.0, status: int = 500) -> dict:
    return {"name": "get resume", "outcome": outcome, "status": status,
            "ended_at": ended_at, "detail": "x"}  # fmt: skip


def test_a_fault_step_that_did_not_run_is_a_miss():
    planned = ["kill a worker", "kill an API process", "restart Redis"]
    assert checks.every_fault_step_ran(planned, planned).passed
    missed = checks.every_fault_step_ran(planned[:2], planned)
    assert not missed.passed and "restart Redis" in missed.detail


def test_no_server_errors_misses_on_one_5xx():
    assert checks.no_server_errors([_problem("connection")]).passed
    missed = checks.no_server_errors([_problem("5xx")])
    assert not missed.passed and missed.line().startswith("MISS")


def test_requests_without_answer_pass_only_inside_the_outage_of_the_killed_process():
    outage = Outage("API process", 100.0, 104.0)
    inside = [_problem("connection", 100.5), _problem("connection", 104.0 + checks.OUTAGE_SLACK_S)]
    assert checks.cut_requests_within_outages(inside, [outage]).passed
    before = [_problem("connection", 99.0)]
    assert not checks.cut_requests_within_outages(before, [outage]).passed
    assert not checks.cut_requests_within_outages([_problem("connection", 101.0)], []).passed


def test_client_errors_in_the_workload_are_a_miss():
    assert checks.no_unexpected_client_errors([_problem("5xx")]).passed
    assert not checks.no_unexpected_client_errors([_problem("429", status=429)]).passed
    assert not checks.no_unexpected_client_errors([_problem("4xx", status=404)]).passed


def test_uploads_settled_misses_a_stuck_a_lost_and_no_upload_at_all():
    assert checks.uploads_settled(["a", "b"], {"a": "READY", "b": "FAILED"}, 1.0).passed
    assert not checks.uploads_settled(["a", "b"], {"a": "READY", "b": "PROCESSING"}, 1.0).passed
    assert not checks.uploads_settled(["a", "b"], {"a": "READY"}, 1.0).passed  # b lost
    assert not checks.uploads_settled([], {}, 1.0).passed


def test_burst_exact_needs_exactly_the_limit_of_2xx_and_429_for_the_rest():
    assert checks.burst_exact([200] * 10 + [429] * 5, 10).passed
    assert not checks.burst_exact([200] * 11 + [429] * 4, 10).passed
    assert not checks.burst_exact([200] * 9 + [429] * 6, 10).passed
    assert not checks.burst_exact([200] * 10 + [429] * 4 + [503], 10).passed


def test_fails_open_needs_every_request_served_past_the_limit_and_health_saying_down():
    assert checks.fails_open([200] * 8, 3, "down").passed
    assert not checks.fails_open([200] * 8, 3, "ok").passed
    assert not checks.fails_open([200] * 7 + [503], 3, "down").passed
    assert not checks.fails_open([200] * 3, 3, "down").passed  # never past the limit


# -- the harness ----------------------------------------------------------------------------


def test_the_cluster_talks_to_loopback_only_and_sets_only_real_settings(tmp_path, monkeypatch):
    cluster = Cluster(tmp_path, "postgresql+psycopg://127.0.0.1:5432/refleum_load_x")
    assert cluster.base_url.startswith("http://127.0.0.1:")
    assert cluster.env["REFLEUM_REDIS_URL"].startswith("redis://127.0.0.1:")
    assert cluster.env["REFLEUM_REDIS_KEY_PREFIX"] != Settings().redis_key_prefix
    fields = {f"REFLEUM_{name.upper()}" for name in Settings.model_fields}
    ours = {
        k for k in cluster.env if k.startswith("REFLEUM_") and not k.startswith("REFLEUM_TEST_")
    }
    assert ours - fields == set()
    for name in ours:
        monkeypatch.setenv(name, cluster.env[name])
    settings = Settings()  # every value valid, as each process of the run will read it
    assert settings.plans["enterprise"]["requests_per_minute"] > 1000


def test_make_bench_load_runs_the_harness_and_make_test_does_not():
    makefile = (ROOT / "Makefile").read_text()
    target = makefile.split("\nbench-load:", 1)[1].split("\n\n", 1)[0]
    assert "-m bench.load" in target
    assert "bench.load" not in makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
