"""What the load test sends and how each answer is counted; no Locust import here.

Locust patches the standard library with gevent when it is imported, so everything that
can be checked without it (the mix, the documents, the multipart bodies, the tally) lives
in this module and is tested in the ordinary test process (tests/test_bench_load.py).
"""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from urllib3 import encode_multipart_formdata

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
JOB_DESCRIPTION = (ROOT / "examples" / "job_description.txt").read_text()

# Relative weights of the operations a simulated client picks: mostly reads, as a real
# integration polls and lists far more often than it uploads or tailors.
MIX: dict[str, int] = {
    "list resumes": 30,
    "get resume": 30,
    "upload": 8,
    "tailor (local)": 6,
    "pdf download": 10,
    "cover letter": 6,
}

# Small one-page documents of both kinds from the test corpus (the big ones measure the
# extractor, not the service).
UPLOADS = (
    "aiko_tanaka_new_grad.pdf",
    "jose_garcia_nurse.pdf",
    "zoe_martin_accountant.pdf",
    "amara_okafor_teacher.docx",
    "bjorn_lindqvist_software.docx",
    "carlos_mendes_pharmacist.docx",
)
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
LAYOUTS = [{"template": t, "page_size": p} for t in ("classic", "modern") for p in ("A4", "Letter")]


@dataclass(frozen=True)
class Document:
    name: str
    content: bytes
    content_type: str


def upload_documents() -> list[Document]:
    return [
        Document(name, (CORPUS / name).read_bytes(), CONTENT_TYPES[Path(name).suffix])
        for name in UPLOADS
    ]


def multipart(document: Document) -> tuple[bytes, str]:
    """The upload's body and its Content-Type, as a browser or the SDK would send them."""
    return encode_multipart_formdata(
        {"file": (document.name, document.content, document.content_type)}
    )


@dataclass
class OrgSetup:
    """One organization of the workload: its key and resumes that are READY before the run."""

    org_id: str
    key: str
    resume_ids: list[str]

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


@dataclass
class LoadConfig:
    """Handed from the harness to the Locust process as a JSON file."""

    orgs: list[OrgSetup]
    max_requests: int
    report_path: str
    job_description: str = JOB_DESCRIPTION

    def dump(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self)))

    @classmethod
    def load(cls, path: Path) -> LoadConfig:
        raw = json.loads(path.read_text())
        raw["orgs"] = [OrgSetup(**org) for org in raw["orgs"]]
        return cls(**raw)


def pick_operation(rng: random.Random) -> str:
    names = list(MIX)
    return rng.choices(names, weights=[MIX[n] for n in names])[0]


def classify(status: int, failed: bool) -> str:
    """The outcome class the checks count: a status of 0 means no HTTP answer at all."""
    if status == 0:
        return "connection"
    if status >= 500:
        return "5xx"
    if status == 429:
        return "429"
    if status >= 400:
        return "4xx"
    return "failed" if failed else "ok"


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (the same definition as bench.common's)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def figures(latencies_ms: list[float], requests: int, elapsed_s: float) -> dict:
    return {
        "requests": requests,
        "answered": len(latencies_ms),
        "rps": len(latencies_ms) / elapsed_s,
        "p50": percentile(latencies_ms, 50),
        "p95": percentile(latencies_ms, 95),
        "p99": percentile(latencies_ms, 99),
    }


def operation_figures(
    samples: dict[str, list[list[float]]],
    sent: dict[str, int],
    elapsed_s: float,
    outside: list[tuple[float, float]] = (),
) -> dict[str, dict]:
    """Per operation and "all": answered/s and p50/p95/p99 ms of the answered requests.

    ``samples`` are [ended_at, ms] pairs; those that ended inside one of the ``outside``
    (start, end) windows are left out, and so is the windows' time from ``elapsed_s``:
    the figures of the service while it was up, apart from a restart's outage.
    """
    elapsed = max(elapsed_s - sum(end - start for start, end in outside), 1e-9)

    def kept(pairs: list[list[float]]) -> list[float]:
        return [ms for ended, ms in pairs if not any(a <= ended <= b for a, b in outside)]

    result = {name: figures(kept(samples.get(name, [])), sent[name], elapsed) for name in sent}
    every = [ms for pairs in samples.values() for ms in kept(pairs)]
    return {**result, "all": figures(every, sum(sent.values()), elapsed)}


@dataclass
class Tally:
    """Outcomes per operation, the time of each answer that was not ok, and the uploads.

    Latencies are kept for answered requests only: a refused connection while a killed
    process restarts takes a millisecond and would make the percentiles look better.
    """

    outcomes: dict[str, Counter] = field(default_factory=dict)
    problems: list[dict] = field(default_factory=list)
    uploaded: list[list[str]] = field(default_factory=list)  # [org_id, resume_id]
    samples: dict[str, list[list[float]]] = field(default_factory=dict)  # [ended_at, ms]

    def record(
        self,
        name: str,
        status: int,
        failed: bool,
        ended_at: float,
        detail: str,
        response_ms: float = 0.0,
    ) -> None:
        outcome = classify(status, failed)
        self.outcomes.setdefault(name, Counter())[outcome] += 1
        if outcome != "connection":
            self.samples.setdefault(name, []).append([ended_at, response_ms])
        if outcome != "ok":
            self.problems.append(
                {
                    "name": name,
                    "outcome": outcome,
                    "status": status,
                    "ended_at": ended_at,
                    "detail": detail[:200],
                }
            )

    def total(self) -> int:
        return sum(sum(c.values()) for c in self.outcomes.values())

    def sent(self) -> dict[str, int]:
        return {name: sum(c.values()) for name, c in sorted(self.outcomes.items())}

    def figures(self, elapsed_s: float, outside: list[tuple[float, float]] = ()) -> dict:
        return operation_figures(self.samples, self.sent(), elapsed_s, outside)

    def as_dict(self) -> dict:
        return {
            "outcomes": {name: dict(c) for name, c in self.outcomes.items()},
            "problems": self.problems,
            "uploaded": self.uploaded,
            "samples": self.samples,
            "sent": self.sent(),
        }
