"""The load test's simulated clients (run by bench/load/__main__.py, headless).

Each user belongs to one organization of the workload and picks operations by the weights
of workload.MIX. Every answer is tallied by outcome (ok, 4xx, 429, 5xx, connection) with
the time it ended, so the harness can tell the requests cut by a killed API process from
real errors. The run stops at Locust's -t or after LoadConfig.max_requests, whichever
comes first; the report (figures per operation, the tally, the uploaded ids) is written
when Locust quits.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import time
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

from bench.load.workload import (
    LAYOUTS,
    LoadConfig,
    Tally,
    multipart,
    pick_operation,
    upload_documents,
)

_config: LoadConfig | None = None
_tally = Tally()
_orgs = itertools.count()
_window = {"started": 0.0, "stopped": 0.0}


def config() -> LoadConfig:
    global _config
    if _config is None:
        _config = LoadConfig.load(Path(os.environ["REFLEUM_LOAD_CONFIG"]))
    return _config


@events.test_start.add_listener
def _started(environment, **_kwargs) -> None:
    _window["started"] = time.time()


@events.test_stop.add_listener
def _stopped(environment, **_kwargs) -> None:
    _window["stopped"] = time.time()


@events.request.add_listener
def _count(name, response, exception, start_time, response_time, **_kwargs) -> None:
    status = getattr(response, "status_code", 0) or 0
    detail = "" if exception is None else repr(exception)
    if status >= 500:
        detail = f"{detail} {getattr(response, 'text', '')}"
    ended = start_time + (response_time or 0) / 1000
    _tally.record(name, status, exception is not None, ended, detail, response_time or 0.0)


@events.quitting.add_listener
def _report(environment, **_kwargs) -> None:
    stopped = _window["stopped"] or time.time()
    elapsed = max(stopped - _window["started"], 1e-9)
    report = {
        "started": _window["started"],
        "stopped": stopped,
        "elapsed_s": elapsed,
        **_tally.as_dict(),
    }
    Path(config().report_path).write_text(json.dumps(report))


class ApiClient(FastHttpUser):
    """One integration of one organization, with a short think time between calls."""

    wait_time = between(0.05, 0.4)
    network_timeout = 120.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        cfg = config()
        self.org = cfg.orgs[next(_orgs) % len(cfg.orgs)]
        self.rng = random.Random()
        self.documents = upload_documents()
        self.tailored: list[str] = []

    @task
    def one_operation(self) -> None:
        if _tally.total() >= config().max_requests:
            self.environment.runner.quit()
            raise StopUser()
        getattr(self, _METHODS[pick_operation(self.rng)])()

    def _get(self, path: str, name: str) -> None:
        self.client.get(path, headers=self.org.headers, name=name)

    def list_resumes(self) -> None:
        self._get("/api/v1/resumes?limit=20", "list resumes")

    def get_resume(self) -> None:
        self._get(f"/api/v1/resumes/{self.rng.choice(self.org.resume_ids)}", "get resume")

    def upload(self) -> None:
        body, content_type = multipart(self.rng.choice(self.documents))
        headers = {**self.org.headers, "Content-Type": content_type}
        response = self.client.post("/api/v1/resumes", data=body, headers=headers, name="upload")
        if response.status_code == 201:
            _tally.uploaded.append([self.org.org_id, response.json()["data"]["resume_id"]])

    def tailor(self) -> None:
        resume_id = self.rng.choice(self.org.resume_ids)
        response = self.client.post(
            f"/api/v1/resumes/{resume_id}/tailor",
            json={"job_description": config().job_description, "strategy": "KEYWORDS"},
            headers=self.org.headers,
            name="tailor (local)",
        )
        if response.status_code == 201:
            self.tailored.append(response.json()["data"]["resume_id"])

    def pdf_download(self) -> None:
        # A tailored resume's PDF is a fresh render (what a client fetches right after a
        # tailor); otherwise one of the originals' layouts, cached after its first render.
        if self.tailored:
            self._get(f"/api/v1/resumes/{self.tailored.pop()}/pdf", "pdf download")
        else:
            resume_id = self.rng.choice(self.org.resume_ids)
            layout = urlencode(self.rng.choice(LAYOUTS))
            self._get(f"/api/v1/resumes/{resume_id}/pdf?{layout}", "pdf download")

    def cover_letter(self) -> None:
        self.client.post(
            f"/api/v1/resumes/{self.rng.choice(self.org.resume_ids)}/cover-letters",
            json={"job_description": config().job_description},
            headers=self.org.headers,
            name="cover letter",
        )


_METHODS = {
    "list resumes": "list_resumes",
    "get resume": "get_resume",
    "upload": "upload",
    "tailor (local)": "tailor",
    "pdf download": "pdf_download",
    "cover letter": "cover_letter",
}
