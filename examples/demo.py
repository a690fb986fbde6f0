"""`make demo`: the README's quickstart against a running `make run`, end to end.

Uses $REFLEUM_KEY when set; otherwise creates a key for the first organization in the
local database (the one `make run` bootstrapped). Writes tailored_resume.pdf.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).parent
BASE = os.environ.get("REFLEUM_URL", f"http://127.0.0.1:{os.environ.get('REFLEUM_PORT', '8000')}")


def api_key() -> str:
    if os.environ.get("REFLEUM_KEY"):
        return os.environ["REFLEUM_KEY"]
    refleum = [sys.executable, "-m", "refleum"]
    orgs = json.loads(subprocess.check_output([*refleum, "orgs", "list", "--json"]))["orgs"]
    if not orgs:
        sys.exit("no organization yet: start `make run` first")
    created = subprocess.check_output(
        [*refleum, "keys", "create", "--org", orgs[0]["org_id"], "--json"]
    )
    return json.loads(created)["key"]


def main() -> None:
    headers = {"Authorization": f"Bearer {api_key()}"}
    with httpx.Client(base_url=BASE, headers=headers, timeout=300) as client:
        with open(HERE / "resume.pdf", "rb") as resume:
            uploaded = (
                client.post(
                    "/api/v1/resumes",
                    files={"file": ("resume.pdf", resume)},
                    data={"set_as_master": "true"},
                )
                .raise_for_status()
                .json()["data"]
            )
        print(f"1. uploaded {uploaded['resume_id']} ({uploaded['status']})")
        for _ in range(120):
            record = client.get(f"/api/v1/resumes/{uploaded['resume_id']}").json()["data"]
            if record["status"] != "PROCESSING":
                break
            time.sleep(0.5)
        print(f"   parsed: {record['status']} {record['warnings'] or ''}")
        tailored = (
            client.post(
                f"/api/v1/resumes/{uploaded['resume_id']}/tailor",
                json={
                    "job_description": (HERE / "job_description.txt").read_text(),
                    "strategy": "KEYWORDS",
                    "generate_pdf": True,
                },
            )
            .raise_for_status()
            .json()["data"]
        )
        stats = tailored["refinement_stats"]
        print(
            f"2. tailored {tailored['resume_id']}: match {stats['initial_match_percentage']}% -> "
            f"{stats['final_match_percentage']}%, {len(tailored['changes'])} changes, "
            f"gaps {tailored['gaps']}"
        )
        pdf = httpx.get(tailored["pdf_url"], timeout=60).raise_for_status()
        Path("tailored_resume.pdf").write_bytes(pdf.content)
        print(f"3. wrote tailored_resume.pdf ({len(pdf.content):,} bytes)")


if __name__ == "__main__":
    main()
