"""Schemathesis fuzzes every operation of the OpenAPI schema against a real server.

No response may be a server error or break the declared schema (status codes, content
types, headers, bodies), error responses included. The server runs in its own process
(uvicorn, as `refleum serve` does) with a Pro-featured Enterprise org whose rate limit is
raised so the run is not turned into 429s, and a READY resume with a cover letter and an
outreach message, so path parameters hit real records for part of the examples.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from tests.live_server import live_server
from tests.samples import sample_pdf
from tests.tailoring.test_endpoints import JD

from refleum.app import create_app
from refleum.config import Settings

ADMIN_TOKEN = "fuzz-admin-token-0123456789"
MAX_EXAMPLES = 25
RUN_SIZE: dict[str, int] = {}
OPERATIONS: set[str] = set()


class LiveApi:
    def __init__(self, base: str, headers: dict[str, str], ids: dict[str, str]):
        self.base, self.headers, self.ids = base, headers, ids


def _ready_records(base: str, headers: dict[str, str]) -> dict[str, str]:
    with httpx.Client(base_url=base, headers=headers, timeout=60) as http:
        upload = http.post("/api/v1/resumes", files={"file": ("cv.pdf", sample_pdf())})
        resume_id = upload.json()["data"]["resume_id"]
        deadline = time.monotonic() + 60
        while http.get(f"/api/v1/resumes/{resume_id}").json()["data"]["status"] == "PROCESSING":
            assert time.monotonic() < deadline, "the sample resume never finished parsing"
            time.sleep(0.2)
        body = {"job_description": JD}
        letter = http.post(f"/api/v1/resumes/{resume_id}/cover-letters", json=body).json()
        outreach = http.post(f"/api/v1/resumes/{resume_id}/outreach", json=body).json()
    return {
        "id": resume_id,
        "cover_letter_id": letter["data"]["cover_letter_id"],
        "outreach_id": outreach["data"]["outreach_id"],
    }


@pytest.fixture(scope="module")
def live_api(request, tmp_path_factory):
    env = {
        "REFLEUM_DATA_DIR": str(tmp_path_factory.mktemp("fuzz")),
        "REFLEUM_ADMIN_TOKEN": ADMIN_TOKEN,
        "REFLEUM_PUBLIC_RPM": "1000000",
        "REFLEUM_ADDRESS_RPM": "1000000",  # every case comes from 127.0.0.1
        "REFLEUM_LOG_LEVEL": "WARNING",
    }
    started = time.monotonic()
    with live_server(env) as base:
        headers = _fuzz_org(base)
        yield LiveApi(base, headers, _ready_records(base, headers))
    # Straight to the terminal: pytest captures what passing tests print.
    plugins = request.config.pluginmanager
    with plugins.get_plugin("capturemanager").global_and_fixture_disabled():
        plugins.get_plugin("terminalreporter").write_line(
            f"\nschemathesis run: {len(OPERATIONS)} operations, {RUN_SIZE.get('cases', 0)} "
            f"cases (max {MAX_EXAMPLES} examples per operation and phase) in "
            f"{time.monotonic() - started:.0f} s"
        )


def _fuzz_org(base: str) -> dict[str, str]:
    """An Enterprise org (every feature) with a limit no run reaches, via the admin API."""
    admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with httpx.Client(base_url=f"{base}/api/v1/admin", headers=admin, timeout=60) as http:
        org = http.post("/orgs", json={"name": "Fuzz", "plan": "enterprise"}).json()["data"]
        http.patch(f"/orgs/{org['org_id']}", json={"rpm_override": 1_000_000}).raise_for_status()
        key = http.post(f"/orgs/{org['org_id']}/keys").json()["data"]["key"]
    return {"Authorization": f"Bearer {key}"}


def _served_schema() -> dict:
    """The schema the server publishes (admin routes included), built without serving."""
    with tempfile.TemporaryDirectory(prefix="refleum-fuzz-schema-") as data_dir:
        settings = Settings(data_dir=Path(data_dir), admin_token=ADMIN_TOKEN)
        return create_app(settings, run_jobs=False).openapi()


# Every check is on. `positive_data_acceptance` also expects 400 for schema-valid input:
# the contract answers business rules JSON Schema cannot state with 400 (NO_MASTER_RESUME,
# NO_JOB_DESCRIPTION, a file that is not a PDF or DOCX, a JD under 100 words).
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409", "429"]
            }
        }
    }
)

# Loaded at import: schemathesis' lazy `from_fixture` needs a pytest internal 9.x removed.
schema = schemathesis.openapi.from_dict(_served_schema(), config=CONFIG)


def _point_at_real_records(case, live_api: LiveApi) -> None:
    """Half of the cases (decided by the generated value, so reruns agree) use real ids."""
    params = case.path_parameters or {}
    for name, value in list(params.items()):
        if case.method.upper() == "DELETE" and name == "id":
            continue  # deleting the shared resume would turn every later case into a 404
        real = live_api.ids.get(name)
        if name == "letter_id":
            kind = "outreach_id" if "/outreach" in case.path else "cover_letter_id"
            real = live_api.ids[kind]
        if real and hashlib.sha256(str(value).encode()).digest()[0] % 2 == 0:
            params[name] = real


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, live_api):
    _point_at_real_records(case, live_api)
    if case.path.startswith("/api/v1/admin"):
        headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    else:
        headers = live_api.headers
    RUN_SIZE["cases"] = RUN_SIZE.get("cases", 0) + 1
    OPERATIONS.add(case.operation.label)
    case.call_and_validate(base_url=live_api.base, headers=headers)
