"""`make demo` (examples/demo.py): the settings `make run` reads, one key reused, the master
left alone, every example pair's tailored PDF, cover letter and outreach message written
(under --out, the committed ones untouched), a throwaway server with --serve, and one
readable line when nothing answers."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from bench.common import free_port
from tests.live_server import live_server

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DEMO = EXAMPLES / "demo.py"
# Each pair's folder under --out, and the person its letters must be signed by.
PAIRS = {".": "Maya Fernández", "nursing": "Leah Abernathy", "sales": "Jordan Whitaker"}


def demo(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("REFLEUM_")}
    return subprocess.run(
        [sys.executable, str(DEMO), *args],
        env={**clean, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


def cli(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "refleum", *args, "--json"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def test_a_wrong_port_is_one_readable_line_and_exit_1(tmp_path):
    port = str(free_port())  # nothing listens there
    done = demo({"REFLEUM_PORT": port, "REFLEUM_DATA_DIR": str(tmp_path / "none")}, tmp_path)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert f"127.0.0.1:{port}" in line and "make run" in line
    assert not (tmp_path / "none").exists()  # no key was made for a server that is not there


def committed_outputs() -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in EXAMPLES.rglob("*") if path.is_file()}


def assert_every_pair_written(out: Path) -> None:
    for folder, name in PAIRS.items():
        assert (out / folder / "tailored_resume.pdf").read_bytes().startswith(b"%PDF")
        letter = (out / folder / "cover_letter.md").read_text()
        assert letter.startswith("<!-- Written by `make demo`") and name in letter
        outreach = (out / folder / "outreach.md").read_text()
        assert name in outreach and "## Connection note" in outreach


@pytest.mark.timeout(300)  # three pairs, twice, on a shared 2-core machine
def test_runs_reuse_one_stored_key_and_never_move_the_master(tmp_path):
    data_dir = tmp_path / "data"
    env = {"REFLEUM_DATA_DIR": str(data_dir)}
    with live_server(env) as base:
        org_id = cli(env, "orgs", "create", "Demo", "--plan", "pro")["org_id"]
        key = cli(env, "keys", "create", "--org", org_id)["key"]
        headers = {"Authorization": f"Bearer {key}"}
        with open(ROOT / "examples" / "resume.pdf", "rb") as resume:
            master = httpx.post(
                f"{base}/api/v1/resumes",
                headers=headers,
                files={"file": ("resume.pdf", resume)},
                data={"set_as_master": "true"},
            ).json()["data"]["resume_id"]
        port = base.rsplit(":", 1)[1]
        before = committed_outputs()
        for _ in range(2):
            done = demo({**env, "REFLEUM_PORT": port}, tmp_path, "--out", str(tmp_path / "out"))
            assert done.returncode == 0, done.stderr
            assert done.stdout.count("match score") == len(PAIRS) and "gaps" in done.stdout
        stored = data_dir / "demo_key"
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
        assert len(cli(env, "keys", "list", "--org", org_id)["keys"]) == 2  # ours + the demo's
        listed = httpx.get(
            f"{base}/api/v1/resumes?include_master=true&limit=100", headers=headers
        ).json()["data"]
        assert [r["resume_id"] for r in listed if r["is_master"]] == [master]
    assert_every_pair_written(tmp_path / "out")
    assert committed_outputs() == before  # --out: the committed examples were not touched


@pytest.mark.timeout(300)
def test_serve_runs_its_own_throwaway_server_and_stops_it(tmp_path):
    done = demo({}, tmp_path, "--serve", "--strategy", "KEYWORDS", "--out", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("(KEYWORDS): match score") == len(PAIRS)
    assert_every_pair_written(tmp_path)
    [key_line] = [line for line in done.stdout.splitlines() if "created a demo key" in line]
    data_dir = Path(key_line.split(" kept in ")[1].split()[0]).parent
    assert not data_dir.exists()  # the throwaway data dir (and its key) went with the server
