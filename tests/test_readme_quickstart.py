"""The README's quickstart runs as written against a server on a port other than 8000.

The shell block is taken from README.md itself, so the test fails when the text drifts
from what works. The only edit is the one a reader makes: the key `make run` printed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.live_server import live_server

ROOT = Path(__file__).resolve().parent.parent
KEY_LINE = re.compile(r"^export REFLEUM_KEY=sk_live_\.\.\..*$", re.MULTILINE)


def quickstart_block() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)


def cli(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "refleum", *args, "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.mark.timeout(300)
def test_the_quickstart_runs_as_written_on_another_port(tmp_path):
    block = quickstart_block()
    assert KEY_LINE.search(block), "the quickstart no longer starts by exporting the key"
    data_dir = tmp_path / "data"
    with live_server({"REFLEUM_DATA_DIR": str(data_dir)}) as base:
        port = str(urlsplit(base).port)
        assert port != "8000"
        env = {**os.environ, "REFLEUM_DATA_DIR": str(data_dir), "REFLEUM_LOG_LEVEL": "WARNING"}
        env.pop("REFLEUM_DATABASE_URL", None)
        org = cli(env, "orgs", "create", "Quickstart", "--plan", "pro")
        key = cli(env, "keys", "create", "--org", org["org_id"])["key"]
        script = KEY_LINE.sub(f"export REFLEUM_KEY={key}", block)
        work = tmp_path / "reader"
        work.mkdir()
        (work / "examples").symlink_to(ROOT / "examples")
        done = subprocess.run(
            ["bash", "-e", "-c", script],
            cwd=work,
            env={**env, "REFLEUM_PORT": port},
            capture_output=True,
            text=True,
            timeout=240,
        )
    assert done.returncode == 0, done.stderr
    assert "READY" in done.stdout
    assert re.search(r"match score: [\d.]+% -> [\d.]+%", done.stdout), done.stdout
    assert "gaps (asked for, not in your resume):" in done.stdout
    assert (work / "tailored_resume.pdf").read_bytes().startswith(b"%PDF")
