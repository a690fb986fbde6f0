"""`make bench-load`: a 60 s mixed workload on PostgreSQL + Redis with 1, then 2 API processes.

Per run: Locust (headless, bounded by -t and a request cap, 127.0.0.1 only) drives several
organizations while this harness kills -9 a `refleum worker` (and starts another), kills
-9 an API process (uvicorn replaces it; with one process the harness restarts it), and
kills and restarts the Redis server it owns. Then it prints the figures per operation
and PASS/MISS per check. LOAD_SECONDS, LOAD_USERS, LOAD_MAX_REQUESTS and LOAD_PROCESSES
(e.g. "2") change the run; the exit status is 1 when any check missed.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.common import fresh_pg_database
from bench.load import checks
from bench.load.cluster import Cluster
from bench.load.cpu import CpuMeter
from bench.load.workload import (
    LoadConfig,
    OrgSetup,
    multipart,
    operation_figures,
    upload_documents,
)

SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
USERS = int(os.environ.get("LOAD_USERS", "12"))
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "20000"))
PROCESSES = [int(n) for n in os.environ.get("LOAD_PROCESSES", "1,2").split(",")]
WORKLOAD_ORGS = 3
WORKERS = 2
SEED_RESUMES = 2
# The limiter checks' orgs: a small per-minute limit of their own.
OPEN_LIMIT, EXACT_LIMIT = 3, 10
SETTLE_BOUND_S = 90.0
LOCUSTFILE = Path(__file__).with_name("locustfile.py")


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def _org(cluster: Cluster, name: str, rpm: int | None) -> tuple[str, str]:
    org_id = cluster.cli("orgs", "create", name, "--plan", "enterprise")["org_id"]
    if rpm is not None:
        cluster.cli("orgs", "update", org_id, "--rpm", str(rpm))
    return org_id, cluster.cli("keys", "create", "--org", org_id)["key"]


def create_orgs(cluster: Cluster) -> tuple[list[tuple[str, str]], tuple]:
    """Through the operator CLI: the workload's orgs, and the two limiter checks' orgs.

    The limiter orgs serve every run: the windows live in Redis only, and each run kills
    Redis (nothing saved) before using them, so each run starts them from zero.
    """
    wanted: list[tuple[str, int | None]] = [(f"Load {n}", None) for n in range(WORKLOAD_ORGS)]
    wanted += [("Fail-open", OPEN_LIMIT), ("Exact", EXACT_LIMIT)]
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        made = list(pool.map(lambda w: _org(cluster, *w), wanted))
    return made[:WORKLOAD_ORGS], (made[WORKLOAD_ORGS], made[WORKLOAD_ORGS + 1])


def seed(base: str, orgs: list[tuple[str, str]]) -> list[OrgSetup]:
    """Each org's first resumes, uploaded and parsed before the run: what it reads and tailors."""
    documents = upload_documents()
    setups = []
    for n, (org_id, key) in enumerate(orgs):
        headers = {"Authorization": f"Bearer {key}"}
        ids = []
        for i in range(SEED_RESUMES):
            body, content_type = multipart(documents[(n + i) % 3])  # PDFs: the tailor source
            created = httpx.post(
                f"{base}/api/v1/resumes",
                content=body,
                headers={**headers, "Content-Type": content_type},
                timeout=60,
            )
            created.raise_for_status()
            ids.append(created.json()["data"]["resume_id"])
        statuses = settle(base, headers, ids, 60)
        if set(statuses.values()) != {"READY"}:
            raise RuntimeError(f"seed resumes did not parse: {statuses}")
        setups.append(OrgSetup(org_id, key, ids))
    return setups


def settle(base: str, headers: dict, ids: list[str], bound_s: float) -> dict[str, str]:
    """Polls until none is PROCESSING or the bound passes: id → status ("LOST" when gone)."""
    deadline = time.monotonic() + bound_s
    statuses: dict[str, str] = {}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        while True:
            for resume_id in ids:
                if statuses.get(resume_id) in checks.SETTLED:
                    continue
                response = client.get(f"/api/v1/resumes/{resume_id}")
                statuses[resume_id] = (
                    response.json()["data"]["status"] if response.status_code == 200 else "LOST"
                )
            if "PROCESSING" not in statuses.values() or time.monotonic() > deadline:
                return statuses
            time.sleep(0.5)


def _burst(base: str, key: str, count: int, at_once: int) -> list[int]:
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        with concurrent.futures.ThreadPoolExecutor(at_once) as pool:
            return list(pool.map(lambda _: client.get("/api/v1/usage").status_code, range(count)))


class FaultSteps(threading.Thread):
    """The faults, at fixed offsets into the run, recording what the checks need."""

    def __init__(
        self, cluster: Cluster, limiter_orgs: tuple, seconds: int, meter: CpuMeter
    ) -> None:
        super().__init__(daemon=True)
        self.cluster, self.limiter_orgs, self.seconds = cluster, limiter_orgs, seconds
        self.meter = meter
        # (epoch s, CPU seconds per kind) just before the API kill: the steady state's cost,
        # before any process restarts (a start costs seconds of CPU of its own).
        self.before_api_kill: tuple[float, dict[str, float]] | None = None
        self.done: list[str] = []
        self.outages: list[checks.Outage] = []
        self.results: list[checks.Check] = []
        self.error: BaseException | None = None
        self.started = time.monotonic()

    def at(self, fraction: float, step: Callable[[], None]) -> None:
        time.sleep(max(0.0, self.started + fraction * self.seconds - time.monotonic()))
        step()

    PLANNED = ("kill a worker", "kill an API process", "restart Redis")

    def run(self) -> None:
        # (when, as a fraction of the run; what; how), in the order of PLANNED.
        steps = [
            (0.15, self.PLANNED[0], self.kill_worker),
            (0.30, self.PLANNED[1], self.kill_api),
            (0.55, self.PLANNED[2], self.restart_redis),
        ]
        try:
            for fraction, name, step in steps:
                self.at(fraction, step)
                self.done.append(name)
        except BaseException as exc:  # reported by the harness, never swallowed
            self.error = exc

    def kill_worker(self) -> None:
        self.cluster.kill_worker()
        log("kill -9 one refleum worker; started another")

    def kill_api(self) -> None:
        self.before_api_kill = (time.time(), self.meter.totals())
        outage = self.cluster.kill_api_process()
        self.outages.append(outage)
        log(f"kill -9 one API process; serving again after {outage.ended - outage.started:.1f} s")

    def restart_redis(self) -> None:
        (_, open_key), (_, exact_key) = self.limiter_orgs
        base = self.cluster.base_url
        self.cluster.stop_redis()
        log("Redis killed")
        time.sleep(1)
        down = _burst(base, open_key, 2 * OPEN_LIMIT + 2, 2)
        health = self.cluster.health() or {}
        self.results.append(checks.fails_open(down, OPEN_LIMIT, health.get("redis")))
        time.sleep(3)
        self.cluster.start_redis()
        log("Redis started again")
        deadline = time.monotonic() + 30
        while (self.cluster.health() or {}).get("redis") != "ok" and time.monotonic() < deadline:
            time.sleep(0.2)
        burst = _burst(base, exact_key, EXACT_LIMIT + 5, 5)
        self.results.append(checks.burst_exact(burst, EXACT_LIMIT))


def run_locust(cluster: Cluster, orgs: list[OrgSetup], workdir: Path, seconds: int) -> dict:
    report = workdir / "report.json"
    config = workdir / "config.json"
    LoadConfig(orgs, MAX_REQUESTS, str(report)).dump(config)
    args = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--only-summary",
        "--loglevel",
        "ERROR",
        "-u",
        str(USERS),
        "-r",
        str(USERS),
        "-t",
        f"{seconds}s",
        "--stop-timeout",
        "30",
        "--exit-code-on-error",
        "0",
        "--host",
        cluster.base_url,
    ]
    env = {**cluster.env, "REFLEUM_LOAD_CONFIG": str(config)}
    with open(workdir / "locust.log", "wb") as out:
        subprocess.run(args, env=env, stdout=out, stderr=subprocess.STDOUT, check=True)
    return json.loads(report.read_text())


def print_figures(title: str, report: dict, outside: list[tuple[float, float]]) -> None:
    shown = operation_figures(report["samples"], report["sent"], report["elapsed_s"], outside)
    every = shown["all"]
    print(
        f"\n{title}: {every['requests']} requests sent, {every['answered']} answered, "
        f"{every['rps']:.1f} answered/s"
    )
    print(
        f"{'operation':16s} {'sent':>6s} {'answered/s':>10s} {'p50':>7s} {'p95':>7s} "
        f"{'p99':>7s}  without 2xx (whole run)"
    )
    for name, f in shown.items():
        outcomes = report["outcomes"].get(name, {})
        if name == "all":
            outcomes = dict(sum((Counter(o) for o in report["outcomes"].values()), Counter()))
        bad = {k: v for k, v in outcomes.items() if k != "ok"}
        print(
            f"{name:16s} {f['requests']:6d} {f['rps']:10.1f} {f['p50']:5.0f}ms "
            f"{f['p95']:5.0f}ms {f['p99']:5.0f}ms  {bad or '-'}"
        )


def one_run(cluster: Cluster, processes: int, orgs: list[OrgSetup], limiter_orgs, workdir):
    if cluster.api_processes != processes:
        cluster.stop_api()
        cluster.start_api(processes)
    log(f"{processes} API process(es) up on {cluster.base_url}")
    meter = CpuMeter(cluster.group_kinds)
    faults = FaultSteps(cluster, limiter_orgs, SECONDS, meter)
    meter.start()
    faults.start()
    report = run_locust(cluster, orgs, workdir, SECONDS)
    cpu = meter.stop()
    # The figures depend on what else the machine ran meanwhile: print it beside them.
    log(f"load average over the last minute: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    faults.join(timeout=120)
    if faults.error is not None:
        raise faults.error
    title = f"{processes} API process(es), {WORKERS} workers, {USERS} users, {SECONDS} s"
    print_figures(f"{title}, whole run", report, [])
    # The same run less the killed API process's outage (kill to serving again, + slack):
    # what the processes sustain, apart from the restart.
    outside = [(o.started, o.ended + checks.OUTAGE_SLACK_S) for o in faults.outages]
    print_figures(f"{title}, outside the API outage", report, outside)
    print(
        f"CPU used, whole run (restarts included): API processes {cpu.get('api', 0):.1f} s, "
        f"workers {cpu.get('worker', 0):.1f} s, Redis {cpu.get('redis', 0):.1f} s"
    )
    if faults.before_api_kill is not None:
        killed_at, before = faults.before_api_kill
        answered = sum(
            1 for pairs in report["samples"].values() for ended, _ in pairs if ended < killed_at
        )
        api_s = before.get("api", 0.0)
        print(
            f"CPU of the API processes before the API kill: {api_s:.1f} s for {answered} "
            f"answered requests = {1000 * api_s / max(answered, 1):.1f} ms a request of this mix"
        )
    settle_started = time.monotonic()
    uploaded = report["uploaded"]  # [org_id, resume_id] pairs: read back with that org's key
    statuses: dict[str, str] = {}
    for org in orgs:
        mine = [rid for org_id, rid in uploaded if org_id == org.org_id]
        statuses |= settle(cluster.base_url, org.headers, mine, SETTLE_BOUND_S)
    waited = time.monotonic() - settle_started
    results = [
        checks.every_fault_step_ran(faults.done, list(FaultSteps.PLANNED)),
        checks.no_server_errors(report["problems"]),
        checks.cut_requests_within_outages(report["problems"], faults.outages),
        checks.no_unexpected_client_errors(report["problems"]),
        checks.uploads_settled([rid for _, rid in uploaded], statuses, waited),
        *faults.results,
    ]
    for result in results:
        print(result.line())
    return results


def main() -> int:
    started = time.monotonic()
    all_results: list[checks.Check] = []
    with (
        tempfile.TemporaryDirectory(prefix="refleum-load-") as tmp,
        fresh_pg_database("refleum_load") as db_url,
    ):
        workdir = Path(tmp)
        cluster = Cluster(workdir, db_url)
        try:
            cluster.start_redis()
            cluster.cli("orgs", "list")  # migrates the fresh database once, before the rest
            orgs, limiter_orgs = create_orgs(cluster)
            log(f"{len(orgs)} workload orgs and 2 limiter orgs created")
            for _ in range(WORKERS):
                cluster.start_worker()
            cluster.start_api(PROCESSES[0])
            setups = seed(cluster.base_url, orgs)
            log(f"seeded {SEED_RESUMES} READY resumes per org")
            for processes in PROCESSES:  # the API is restarted between runs
                all_results += one_run(cluster, processes, setups, limiter_orgs, workdir)
        except BaseException:
            print(f"logs of the processes: {workdir} (kept until this run ends)", flush=True)
            raise
        finally:
            cluster.close()
    missed = [r for r in all_results if not r.passed]
    print(
        f"\nbench-load: {len(all_results) - len(missed)} PASS, {len(missed)} MISS "
        f"in {time.monotonic() - started:.0f} s"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
