"""The load test's verdicts, each a PASS or MISS with the figures behind it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

SETTLED = {"READY", "FAILED"}
# A request cut by a killed process ends when the process dies or, for a kept-alive
# connection of it, on the next request sent on that connection: shortly after. Outages
# are measured from the kill to the first healthy answer; this covers the clients' side.
OUTAGE_SLACK_S = 3.0


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str

    def line(self) -> str:
        return f"{'PASS' if self.passed else 'MISS'}  {self.name}: {self.detail}"


@dataclass(frozen=True)
class Outage:
    """An API process killed at ``started`` (epoch s), serving again at ``ended``."""

    what: str
    started: float
    ended: float

    def covers(self, moment: float) -> bool:
        return self.started <= moment <= self.ended + OUTAGE_SLACK_S


def no_server_errors(problems: list[dict]) -> Check:
    errors = [p for p in problems if p["outcome"] == "5xx"]
    detail = f"{len(errors)} answered 5xx"
    if errors:
        kinds = Counter(f"{p['name']} {p['status']}" for p in errors)
        detail += f" ({dict(kinds)}; first: {errors[0]['detail'][:120]})"
    return Check("no 5xx answer", not errors, detail)


def cut_requests_within_outages(problems: list[dict], outages: list[Outage]) -> Check:
    """Requests with no HTTP answer must all end while a killed API process was down."""
    cut = [p for p in problems if p["outcome"] == "connection"]
    stray = [p for p in cut if not any(o.covers(p["ended_at"]) for o in outages)]
    detail = (
        f"{len(cut) - len(stray)} without an answer during the killed API process's outage "
        "(cut in flight, or refused while it restarted)"
    )
    if stray:
        detail += f", {len(stray)} outside its outage (first: {stray[0]['detail'][:120]})"
    return Check("requests without an answer only from the killed process", not stray, detail)


def no_unexpected_client_errors(problems: list[dict]) -> Check:
    """The workload sends only valid requests at orgs far under their limits."""
    wrong = [p for p in problems if p["outcome"] in {"4xx", "429", "failed"}]
    detail = f"{len(wrong)} answered 4xx/429"
    if wrong:
        detail += f" (first: {wrong[0]['name']} {wrong[0]['status']} {wrong[0]['detail'][:120]})"
    return Check("no 4xx or 429 in the workload", not wrong, detail)


def uploads_settled(uploaded: list[str], statuses: dict[str, str], waited_s: float) -> Check:
    """Every upload answered 201 is found again, READY or FAILED (none lost, none stuck)."""
    counts = Counter(statuses.get(resume_id, "LOST") for resume_id in uploaded)
    bad = {status: n for status, n in counts.items() if status not in SETTLED}
    detail = f"{len(uploaded)} uploads: {dict(counts)} within {waited_s:.1f} s"
    return Check("every upload READY or FAILED", bool(uploaded) and not bad, detail)


def burst_exact(statuses: list[int], limit: int) -> Check:
    """A burst past a known limit: exactly ``limit`` answers 2xx, the rest 429."""
    ok = sum(1 for s in statuses if 200 <= s < 300)
    refused = sum(1 for s in statuses if s == 429)
    other = len(statuses) - ok - refused
    passed = ok == limit and refused == len(statuses) - limit and other == 0
    detail = f"{len(statuses)} requests at a limit of {limit}/min: {ok} 2xx, {refused} 429"
    if other:
        detail += f", {other} other"
    return Check("rate limit exact after Redis returned", passed, detail)


def fails_open(statuses: list[int], limit: int, health_redis: str | None) -> Check:
    """While Redis is down: every request served, past the limit, and /health says so."""
    ok = sum(1 for s in statuses if 200 <= s < 300)
    passed = ok == len(statuses) and ok > limit and health_redis == "down"
    detail = (
        f"{ok}/{len(statuses)} served 2xx at a limit of {limit}/min; /health redis={health_redis!r}"
    )
    return Check("fail open while Redis is down", passed, detail)


def every_fault_step_ran(done: list[str], planned: list[str]) -> Check:
    """A run that ended before its faults (the request cap, a crash) proves nothing of them."""
    missing = [step for step in planned if step not in done]
    detail = f"{len(done)}/{len(planned)} ran"
    if missing:
        detail += f"; not run: {', '.join(missing)}"
    return Check("every fault step ran during the load", not missing, detail)
