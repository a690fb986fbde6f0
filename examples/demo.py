"""`make demo`: the README's quickstart against a running `make run`, end to end, for every
example pair, writing what a job seeker would send into the example's folder.

Pairs: examples/ (the backend engineer the README uses) and each examples/*/ folder with a
resume.pdf and a job_description.txt (nursing, sales). For each: upload the PDF, wait for
the parse, tailor it (FULL unless ``--strategy``) with a PDF, then write the cover letter
and the outreach message through their endpoints. Into the pair's folder (or ``--out DIR``,
one subfolder per further pair): tailored_resume.pdf, cover_letter.md, outreach.md.

Reads the settings `make run` reads (REFLEUM_HOST, REFLEUM_PORT, REFLEUM_DATA_DIR, and
REFLEUM_DATABASE_URL for the key), so it finds the server and database `make run` uses.
The key: $REFLEUM_API_KEY when set; else the demo key kept in the data dir (``demo_key``,
mode 0600) by an earlier run; else one created for the first organization (the one `make
run` bootstrapped) and kept there, so runs never pile up keys. The uploads are not made
the master resume (``set_as_master=false``): the demo tailors them by id and leaves your
master where it was.

``--serve`` (``make demo DEMO_ARGS=--serve``) needs no `make run`: the demo starts `refleum
serve` itself on a throwaway data dir and a free port, and stops it at the end. That is the
one command that regenerates the committed examples after the writing changes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from refleum.config import Settings

HERE = Path(__file__).parent
KEY_FILE = "demo_key"
STRATEGIES = ("FULL", "KEYWORDS", "NUDGE")
MAX_RATE_WAITS = 5
MAX_RATE_WAIT_S = 60
KEY_VARIABLES = ("REFLEUM_API_KEY", "REFLEUM_KEY")
SERVE_START_S = 120


class DemoError(Exception):
    """Ends the demo with one readable line and exit status 1."""


def base_url(settings: Settings) -> str:
    host = "127.0.0.1" if settings.host in ("0.0.0.0", "::", "") else settings.host
    return f"http://{host}:{settings.port}"


def _create_key() -> str:
    refleum = [sys.executable, "-m", "refleum"]
    try:
        listed = subprocess.run(
            [*refleum, "orgs", "list", "--json"], capture_output=True, text=True, check=True
        )
        orgs = json.loads(listed.stdout)["orgs"]
        if not orgs:
            raise DemoError("no organization yet: start `make run` once, it creates one")
        created = subprocess.run(
            [*refleum, "keys", "create", "--org", orgs[0]["org_id"], "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    except subprocess.CalledProcessError as exc:
        raise DemoError(f"could not create a demo key: {exc.stderr.strip()}") from None
    return json.loads(created.stdout)["key"]


def api_key(settings: Settings) -> str:
    for variable in KEY_VARIABLES:
        if os.environ.get(variable):
            return os.environ[variable]
    stored = settings.data_dir / KEY_FILE
    if stored.exists():
        return stored.read_text().strip()
    key = _create_key()
    stored.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(stored, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as out:
        out.write(key + "\n")
    print(f"   created a demo key, kept in {stored} for the next runs")
    return key


def _data(response: httpx.Response) -> dict:
    if response.is_error:
        try:
            error = response.json()
            message = f"{error['error']}: {error['detail']}"
        except (ValueError, KeyError, TypeError):
            message = response.text[:200]
        raise DemoError(
            f"{response.request.method} {response.request.url.path} answered "
            f"{response.status_code} {message}"
        )
    return response.json()["data"]


def _send(client: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    """One request; a per-minute rate limit is waited out (the demo makes a burst of calls
    on a small plan), a monthly quota is not: that 429 says when to come back."""
    for _ in range(MAX_RATE_WAITS):
        response = client.request(method, url, **kwargs)
        wait = response.headers.get("Retry-After", "")
        if response.status_code != 429 or not wait.isdigit() or int(wait) > MAX_RATE_WAIT_S:
            return response
        print(f"   rate limited; waiting {wait} s")
        time.sleep(int(wait))
    return response


def _wait_until_parsed(client: httpx.Client, resume_id: str) -> dict:
    for _ in range(240):
        record = _data(_send(client, "GET", f"/api/v1/resumes/{resume_id}"))
        if record["status"] != "PROCESSING":
            return record
        time.sleep(0.5)
    raise DemoError(f"{resume_id} is still PROCESSING after 2 minutes")


def _show(tailored: dict) -> None:
    stats = tailored["refinement_stats"]
    print(
        f"   tailored {tailored['resume_id']} ({tailored['strategy']}): match score "
        f"{stats['initial_match_percentage']}% -> {stats['final_match_percentage']}%"
    )
    print(f"   {len(tailored['changes'])} changes:")
    for change in tailored["changes"]:
        print(f"   - {change['path']}: {change['reason']}")
    print(f"   gaps (asked for, not in the resume): {', '.join(tailored['gaps']) or 'none'}")


def example_folders() -> list[Path]:
    """Every folder holding a pair: examples/ itself, then its subfolders."""
    pairs = sorted(p.parent for p in HERE.glob("*/job_description.txt"))
    return [HERE, *(folder for folder in pairs if (folder / "resume.pdf").exists())]


def output_folder(folder: Path, out: Path | None) -> Path:
    """Where a pair's outputs go: beside its inputs, or under ``out`` (same layout)."""
    return folder if out is None else out / folder.relative_to(HERE)


def _markdown(title: str, source: Path, body: str) -> str:
    note = (
        f"<!-- Written by `make demo` (examples/demo.py) from {source.relative_to(HERE.parent)}/"
        "resume.pdf and job_description.txt; regenerate it rather than edit it. -->"
    )
    return f"{note}\n\n# {title}\n\n{body.strip()}\n"


def write_letters(client: httpx.Client, tailored_id: str, folder: Path, out: Path) -> None:
    """The cover letter and outreach message of the tailored resume (its stored JD)."""
    base = f"/api/v1/resumes/{tailored_id}"
    letter = _data(_send(client, "POST", f"{base}/cover-letters", json={}))
    (out / "cover_letter.md").write_text(_markdown("Cover letter", folder, letter["content"]))
    outreach = _data(_send(client, "POST", f"{base}/outreach", json={}))
    body = outreach["content"]
    if outreach.get("connection_note"):
        body += f"\n\n## Connection note\n\n{outreach['connection_note']}"
    (out / "outreach.md").write_text(_markdown("Outreach message", folder, body))
    words = len(letter["content"].split()), len(outreach["content"].split())
    print(f"   wrote cover_letter.md ({words[0]} words) and outreach.md ({words[1]} words)")


def run_pair(client: httpx.Client, folder: Path, out: Path, strategy: str) -> None:
    with open(folder / "resume.pdf", "rb") as resume:
        uploaded = _data(
            _send(
                client,
                "POST",
                "/api/v1/resumes",
                files={"file": ("resume.pdf", resume)},
                data={"set_as_master": "false"},
            )
        )
    print(f"   uploaded {uploaded['resume_id']} ({uploaded['status']})")
    record = _wait_until_parsed(client, uploaded["resume_id"])
    print(f"   parsed: {record['status']} {record['warnings'] or ''}")
    tailored = _data(
        _send(
            client,
            "POST",
            f"/api/v1/resumes/{uploaded['resume_id']}/tailor",
            json={
                "job_description": (folder / "job_description.txt").read_text(),
                "strategy": strategy,
                "generate_pdf": True,
            },
        )
    )
    _show(tailored)
    pdf = _send(client, "GET", tailored["pdf_url"], timeout=120)
    if pdf.is_error:
        _data(pdf)
    out.mkdir(parents=True, exist_ok=True)
    (out / "tailored_resume.pdf").write_bytes(pdf.content)
    print(f"   wrote tailored_resume.pdf ({len(pdf.content):,} bytes)")
    write_letters(client, tailored["resume_id"], folder, out)


def run(settings: Settings, out: Path | None = None, strategy: str = "FULL") -> None:
    base = base_url(settings)
    # First, so a wrong port says so, before anything is looked up or created for a key.
    httpx.get(f"{base}/api/v1/health", timeout=10)
    headers = {"Authorization": f"Bearer {api_key(settings)}"}
    with httpx.Client(base_url=base, headers=headers, timeout=300) as client:
        for number, folder in enumerate(example_folders(), 1):
            target = output_folder(folder, out)
            print(f"{number}. {folder.relative_to(HERE.parent)} -> {target}")
            run_pair(client, folder, target, strategy)


@contextlib.contextmanager
def throwaway_server() -> Iterator[None]:
    """`refleum serve` on a fresh data dir and a free port for this run only. It sets the
    REFLEUM_* variables the rest of the demo reads (and drops those pointing elsewhere)."""
    with tempfile.TemporaryDirectory() as data_dir, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
        probe.close()
        for name in ("REFLEUM_DATABASE_URL", "REFLEUM_REDIS_URL", *KEY_VARIABLES):
            os.environ.pop(name, None)
        os.environ.update(REFLEUM_DATA_DIR=data_dir, REFLEUM_HOST="127.0.0.1", REFLEUM_PORT=port)
        log_path = Path(data_dir) / "serve.log"
        with (
            open(log_path, "wb") as log,
            subprocess.Popen(
                [sys.executable, "-m", "refleum", "serve"], stdout=log, stderr=subprocess.STDOUT
            ) as server,
        ):
            try:
                _wait_for_health(f"http://127.0.0.1:{port}", server, log_path)
                yield
            finally:
                server.terminate()  # leaving the with block waits for it to exit


def _wait_for_health(base: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVE_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            tail = log_path.read_text(errors="replace").strip().splitlines()[-1:]
            raise DemoError(f"refleum serve exited with {server.returncode}: {' '.join(tail)}")
        with contextlib.suppress(httpx.TransportError):
            httpx.get(f"{base}/api/v1/health", timeout=2)
            return
        time.sleep(0.2)
    raise DemoError(f"refleum serve did not answer at {base} within {SERVE_START_S} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--out", type=Path, help="write the outputs here instead of beside each example"
    )
    parser.add_argument("--strategy", choices=STRATEGIES, default="FULL")
    parser.add_argument(
        "--serve", action="store_true", help="start a throwaway `refleum serve` for this run"
    )
    args = parser.parse_args(argv)
    try:
        with throwaway_server() if args.serve else contextlib.nullcontext():
            settings = Settings()
            run(settings, args.out, args.strategy)
    except DemoError as exc:
        print(f"make demo: {exc}", file=sys.stderr)
        return 1
    except httpx.TransportError as exc:
        settings = Settings()
        print(
            f"make demo: nothing answers at {base_url(settings)} ({type(exc).__name__}); "
            "start `make run` with the same REFLEUM_HOST/REFLEUM_PORT, or set them to "
            "where it runs",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
