"""`make demo`: the README's quickstart against a running `make run`, end to end.

Reads the settings `make run` reads (REFLEUM_HOST, REFLEUM_PORT, REFLEUM_DATA_DIR, and
REFLEUM_DATABASE_URL for the key), so it finds the server and database `make run` uses.
The key: $REFLEUM_API_KEY when set; else the demo key kept in the data dir (``demo_key``,
mode 0600) by an earlier run; else one created for the first organization (the one `make
run` bootstrapped) and kept there, so runs never pile up keys. The upload is not made the
master resume (``set_as_master=false``): the demo tailors it by id and leaves your
master where it was. Writes tailored_resume.pdf.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from refleum.config import Settings

HERE = Path(__file__).parent
KEY_FILE = "demo_key"


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
    for variable in ("REFLEUM_API_KEY", "REFLEUM_KEY"):
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


def _wait_until_parsed(client: httpx.Client, resume_id: str) -> dict:
    for _ in range(240):
        record = _data(client.get(f"/api/v1/resumes/{resume_id}"))
        if record["status"] != "PROCESSING":
            return record
        time.sleep(0.5)
    raise DemoError(f"{resume_id} is still PROCESSING after 2 minutes")


def _show(tailored: dict) -> None:
    stats = tailored["refinement_stats"]
    print(
        f"2. tailored {tailored['resume_id']}: match score "
        f"{stats['initial_match_percentage']}% -> {stats['final_match_percentage']}%"
    )
    print(f"   {len(tailored['changes'])} changes:")
    for change in tailored["changes"]:
        print(f"   - {change['path']}: {change['reason']}")
    print(f"   gaps (asked for, not in the resume): {', '.join(tailored['gaps']) or 'none'}")


def run(settings: Settings) -> None:
    base = base_url(settings)
    # First, so a wrong port says so, before anything is looked up or created for a key.
    httpx.get(f"{base}/api/v1/health", timeout=10)
    headers = {"Authorization": f"Bearer {api_key(settings)}"}
    with httpx.Client(base_url=base, headers=headers, timeout=300) as client:
        with open(HERE / "resume.pdf", "rb") as resume:
            uploaded = _data(
                client.post(
                    "/api/v1/resumes",
                    files={"file": ("resume.pdf", resume)},
                    data={"set_as_master": "false"},
                )
            )
        print(f"1. uploaded {uploaded['resume_id']} ({uploaded['status']})")
        record = _wait_until_parsed(client, uploaded["resume_id"])
        print(f"   parsed: {record['status']} {record['warnings'] or ''}")
        tailored = _data(
            client.post(
                f"/api/v1/resumes/{uploaded['resume_id']}/tailor",
                json={
                    "job_description": (HERE / "job_description.txt").read_text(),
                    "strategy": "KEYWORDS",
                    "generate_pdf": True,
                },
            )
        )
        _show(tailored)
        pdf = client.get(tailored["pdf_url"], timeout=120)
        if pdf.is_error:
            _data(pdf)
        Path("tailored_resume.pdf").write_bytes(pdf.content)
        print(f"3. wrote tailored_resume.pdf ({len(pdf.content):,} bytes)")


def main() -> int:
    settings = Settings()
    try:
        run(settings)
    except DemoError as exc:
        print(f"make demo: {exc}", file=sys.stderr)
        return 1
    except httpx.TransportError as exc:
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
