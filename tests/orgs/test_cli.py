"""The operator CLI, exactly as DECISIONS.md fixes it."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest
from typer.testing import CliRunner

from refleum.cli import app
from refleum.config import get_settings


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLEUM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REFLEUM_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    runner = CliRunner()

    def run(*args: str) -> dict | str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout) if "--json" in args else result.stdout

    yield run
    get_settings.cache_clear()


def test_orgs_and_keys_round_trip(cli):
    org = cli("orgs", "create", "Initech", "--plan", "starter", "--json")
    assert org["org_id"].startswith("org_") and org["plan"] == "starter"
    key = cli("keys", "create", "--org", org["org_id"], "--json")
    assert key["key"].startswith("sk_live_") and key["key_id"].startswith("key_")

    listed = cli("keys", "list", "--org", org["org_id"], "--json")["keys"]
    assert [k["key_id"] for k in listed] == [key["key_id"]]
    assert key["key"] not in json.dumps(listed)

    revoked = cli("keys", "revoke", key["key_id"], "--json")
    assert revoked["key_id"] == key["key_id"] and revoked["revoked_at"]
    assert [o["org_id"] for o in cli("orgs", "list", "--json")["orgs"]] == [org["org_id"]]
    assert "Initech" in cli("orgs", "list")


def test_unknown_org_is_a_clean_error(cli, tmp_path):
    result = CliRunner().invoke(app, ["keys", "create", "--org", "org_missing"])
    assert result.exit_code == 1
    assert "not found" in result.output.lower()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_bootstraps_a_dev_org_once_and_its_key_works(tmp_path):
    env = {**os.environ, "REFLEUM_DATA_DIR": str(tmp_path), "REFLEUM_PORT": str(_free_port())}
    env.pop("REFLEUM_DATABASE_URL", None)

    def start() -> tuple[subprocess.Popen, str]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "refleum", "serve"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        seen = ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            seen += line
            if "Uvicorn running" in line or "Application startup complete" in line or not line:
                break
        return proc, seen

    def stop(proc: subprocess.Popen) -> None:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=20)

    proc, output = start()
    try:
        key = re.search(r"sk_live_[0-9A-Za-z]{32,}", output)
        assert key, output
        url = f"http://127.0.0.1:{env['REFLEUM_PORT']}/api/v1/resumes"
        assert (
            httpx.get(url, headers={"Authorization": f"Bearer {key.group(0)}"}).status_code == 200
        )
    finally:
        stop(proc)
    proc, output = start()  # second start: an org exists, no new key is printed
    stop(proc)
    assert "sk_live_" not in output
