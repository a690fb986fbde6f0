"""The sync SDK and the CLI client against a real uvicorn process."""

from __future__ import annotations

import json
import re
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.live_server import live_server
from typer.testing import CliRunner

from refleum.cli import app as cli_app
from refleum.client import NotFoundError, RefleumClient
from refleum.tailoring.docs import JOB_DESCRIPTION

ADMIN_TOKEN = "sdk-live-admin-token-0123456789"
RESUME_PDF = Path(__file__).resolve().parents[2] / "examples" / "resume.pdf"
LONG_NAME = "a-resume-with-a-file-name-long-enough-to-push-any-id-off-an-80-column-terminal.pdf"


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, str]]:
    env = {
        "REFLEUM_DATA_DIR": str(tmp_path_factory.mktemp("sdk-live")),
        "REFLEUM_ADMIN_TOKEN": ADMIN_TOKEN,
        "REFLEUM_ADDRESS_RPM": "100000",
    }
    with live_server(env) as base:
        admin = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
        org = httpx.post(
            f"{base}/api/v1/admin/orgs", json={"name": "SDK", "plan": "pro"}, headers=admin
        ).json()["data"]
        key = httpx.post(f"{base}/api/v1/admin/orgs/{org['org_id']}/keys", headers=admin)
        yield base, key.json()["data"]["key"]


@pytest.fixture
def cli(served, monkeypatch):
    base, key = served
    runner = CliRunner()

    def run(*args: str, key: str = key, base: str = base):
        env = {"REFLEUM_API_KEY": key, "REFLEUM_BASE_URL": base, "COLUMNS": "80"}
        return runner.invoke(cli_app, list(args), env=env)

    return run


def test_the_sync_client_uploads_waits_tailors_and_downloads(served):
    base, key = served
    with RefleumClient(key, base) as api:
        uploaded = api.upload_resume(str(RESUME_PDF), set_as_master=True)
        polled = []
        resume = api.wait_until_parsed(
            uploaded.resume_id, timeout=120, poll=0.2, on_poll=polled.append
        )
        assert resume.status == "READY" and polled[-1].status == "READY"
        result = api.tailor(resume.resume_id, JOB_DESCRIPTION, strategy="NUDGE", generate_pdf=True)
        assert result.pdf_url and result.parent_id == resume.resume_id
        assert api.download_pdf(result.resume_id).startswith(b"%PDF")
        assert result.resume_id in {r.resume_id for r in api.iter_resumes(page_size=1)}
        api.delete_resume(result.resume_id)
        with pytest.raises(NotFoundError) as raised:
            api.get_resume(result.resume_id)
        assert raised.value.request_id


def _ids_whole(output: str, ids: list[str]) -> None:
    for resume_id in ids:
        assert re.search(rf"(^|\s){re.escape(resume_id)}(\s|$)", output, re.M), output


def test_cli_upload_wait_list_get_and_delete_at_80_columns(cli, tmp_path):
    long = tmp_path / LONG_NAME
    shutil.copy(RESUME_PDF, long)
    uploaded = cli("resumes", "upload", str(long), "--master", "--wait")
    assert uploaded.exit_code == 0, uploaded.output
    assert "READY" in uploaded.stdout
    resume_id = re.search(r"res_[0-9a-z]+", uploaded.stdout).group(0)
    _ids_whole(uploaded.stdout, [resume_id])

    extra = json.loads(cli("resumes", "upload", str(long), "--json").stdout)
    listed = cli("resumes", "list", "--all")
    assert listed.exit_code == 0, listed.output
    _ids_whole(listed.stdout, [resume_id, extra["resume_id"]])
    assert all(len(line) <= 80 for line in listed.stdout.splitlines())

    page = json.loads(cli("resumes", "list", "--json", "--limit", "1").stdout)
    assert len(page["data"]) == 1 and page["meta"]["total"] >= 2

    got = json.loads(cli("resumes", "get", resume_id, "--json").stdout)
    assert got["status"] == "READY" and got["structured_data"]["workExperience"]
    shown = cli("resumes", "get", resume_id)
    _ids_whole(shown.stdout, [resume_id])

    deleted = cli("resumes", "delete", extra["resume_id"], "--json")
    assert json.loads(deleted.stdout) == {"resume_id": extra["resume_id"], "deleted": True}
    gone = cli("resumes", "get", extra["resume_id"])
    assert gone.exit_code == 1
    assert gone.stderr.startswith("error: NOT_FOUND: ") and "Traceback" not in gone.output


def test_cli_tailor_letters_and_usage(cli, served, tmp_path):
    base, key = served
    with RefleumClient(key, base) as api:
        resume = api.upload_resume(RESUME_PDF)
        api.wait_until_parsed(resume.resume_id, timeout=120, poll=0.2)
    jd = tmp_path / "jd.txt"
    jd.write_text(JOB_DESCRIPTION)
    out = tmp_path / "out.pdf"

    tailored = cli(
        "tailor", resume.resume_id, "--jd", str(jd), "--strategy", "keywords", "--pdf", str(out)
    )
    assert tailored.exit_code == 0, tailored.output
    assert "match" in tailored.stdout and "gaps" in tailored.stdout
    _ids_whole(tailored.stdout, [resume.resume_id])  # the parent_id row
    assert out.read_bytes().startswith(b"%PDF")
    as_json = json.loads(cli("tailor", resume.resume_id, "--jd", str(jd), "--json").stdout)
    assert as_json["parent_id"] == resume.resume_id and "refinement_stats" in as_json
    _ids_whole(tailored.stdout, [re.search(r"res_[0-9a-z]+", tailored.stdout).group(0)])

    cover = cli("letters", "cover", resume.resume_id, "--jd", str(jd))
    assert cover.exit_code == 0 and len(cover.stdout) > 100, cover.output
    outreach = json.loads(
        cli("letters", "outreach", resume.resume_id, "--jd", str(jd), "--json").stdout
    )
    assert outreach["outreach_id"] and outreach["connection_note"]

    usage = json.loads(cli("usage", "--json").stdout)
    assert usage["tailor_calls"] >= 2 and usage["plan"] == "pro"
    assert "tailor_calls" in cli("usage").stdout


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_cli_errors_are_one_line(cli):
    refused = cli("resumes", "list", base=f"http://127.0.0.1:{_closed_port()}")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("error: CONNECTION_ERROR: cannot reach http://127.0.0.1:")
    assert len(refused.stderr.strip().splitlines()) == 1 and "Traceback" not in refused.output

    unauthorized = cli("usage", key="sk_live_wrong")
    assert unauthorized.exit_code == 1
    assert unauthorized.stderr.startswith("error: INVALID_KEY: ")
    assert "REFLEUM_API_KEY" in unauthorized.stderr
    assert len(unauthorized.stderr.strip().splitlines()) == 1
