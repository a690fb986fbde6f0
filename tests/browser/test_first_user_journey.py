"""Issue #14's "Done when", as a new user does it: `refleum serve` on an empty data directory
prints the development owner's one-time link; the owner opens it, sets a password, creates
a key, copies it, and makes the quickstart's calls from the playground (upload → READY →
tailor → PDF). Revoking the key makes the playground's next call a 401, and after signing
out the dashboard sends the browser to the sign-in page. A temporary key hands itself to
the playground."""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from bench.common import free_port
from playwright.sync_api import expect
from tests.browser.conftest import local_tab
from tests.browser.test_playground import PDF, TAILOR, UPLOAD, choose, response_json, send

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]

PASSWORD = "correct horse battery staple"
PARSE_TIMEOUT_MS = 90_000
START_TIMEOUT_S = 120


@dataclass(frozen=True)
class FirstServe:
    base_url: str
    dev_key: str
    owner_email: str
    link: str


@pytest.fixture(scope="module")
def first_serve(tmp_path_factory) -> Iterator[FirstServe]:
    """`python -m refleum serve` on an empty data dir, exactly what `make run` starts; its
    stdout (what the new user reads) goes to a file that the test parses."""
    data_dir = tmp_path_factory.mktemp("first-serve")
    port = free_port()
    env = {**os.environ, "REFLEUM_DATA_DIR": str(data_dir), "REFLEUM_LOG_LEVEL": "WARNING"}
    env["REFLEUM_ADDRESS_RPM"] = "100000"  # one browser fetches pages, assets and the API
    for name in ("REFLEUM_DATABASE_URL", "REFLEUM_PUBLIC_BASE_URL", "REFLEUM_DEV_OWNER_EMAIL"):
        env.pop(name, None)
    out_path = data_dir / "serve.out"
    with out_path.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "refleum", "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            assert proc.poll() is None, out_path.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/v1/health", timeout=5).status_code < 500:
                    break
            assert time.monotonic() < deadline, "refleum serve did not start"
            time.sleep(0.2)
        printed = out_path.read_text()
        key = re.search(r"^\s+(sk_live_\S+)$", printed, re.M)
        link = re.search(rf"^\s+({re.escape(base)}/signin/link/\S+)$", printed, re.M)
        owner = re.search(r"Its owner (\S+) sets a password", printed)
        assert key and link and owner, printed
        yield FirstServe(base, key.group(1), owner.group(1), link.group(1))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture
def owner_page(chromium, first_serve: FirstServe) -> Iterator:
    """A tab on the first server, allowed to read and write the clipboard."""
    clipboard = ("clipboard-read", "clipboard-write")
    with local_tab(chromium, first_serve.base_url, clipboard) as tab:
        yield tab


def sign_in_through_the_link(page, first: FirstServe) -> None:
    page.goto(first.link)
    expect(page.get_by_role("heading", name="Set your password")).to_be_visible()
    expect(page.get_by_text(first.owner_email)).to_be_visible()
    page.get_by_label("New password").fill(PASSWORD)
    page.get_by_label("Repeat password").fill(PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page).to_have_url(f"{first.base_url}/dashboard")
    expect(page.locator("#plan-name")).to_have_text("Pro")


def key_row(page, name: str):
    return page.locator("#keys tbody tr").filter(
        has=page.get_by_role("cell", name=name, exact=True)
    )


def test_a_new_user_goes_from_the_printed_link_to_a_tailored_pdf(
    owner_page, first_serve: FirstServe, examples_dir: Path
):
    page = owner_page
    sign_in_through_the_link(page, first_serve)

    page.get_by_role("link", name="API keys").click()
    expect(page).to_have_url(f"{first_serve.base_url}/dashboard/keys")
    page.get_by_label("Key name").fill("laptop")
    page.get_by_role("button", name="Create key").click()
    secret = page.locator("#new-key")
    expect(secret).to_have_text(re.compile(r"^sk_live_\S+$"))
    key = secret.text_content()
    page.locator("#copy-key").click()
    expect(page.locator('[data-copy-status="new-key"]')).to_have_text("Copied.")
    assert page.evaluate("() => navigator.clipboard.readText()") == key

    # The quickstart's three calls, from the playground only.
    page.get_by_role("link", name="Playground").click()
    expect(page.locator(f'#operation option[value="{UPLOAD}"]')).to_be_attached()
    page.get_by_label("API key").fill(key)
    choose(page, UPLOAD)
    page.get_by_label("Resume file (PDF or DOCX)").set_input_files(examples_dir / "resume.pdf")
    send(page)
    expect(page.locator("#response-status")).to_have_text("201 Created")
    resume_id = response_json(page)["data"]["resume_id"]
    expect(page.locator("#parse-status")).to_have_text("READY", timeout=PARSE_TIMEOUT_MS)

    choose(page, TAILOR)
    page.locator("#param-id").fill(resume_id)
    jd = (examples_dir / "job_description.txt").read_text()
    page.get_by_label("Request body (JSON)").fill(json.dumps({"job_description": jd}))
    send(page)
    expect(page.locator("#response-status")).to_have_text("201 Created", timeout=60_000)
    tailored_id = response_json(page)["data"]["resume_id"]

    choose(page, PDF)
    page.locator("#param-id").fill(tailored_id)
    send(page)
    expect(page.locator("#response-status")).to_have_text("200 OK", timeout=60_000)
    with page.expect_download() as download:
        page.locator("#download").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")

    # Revoke "laptop": the playground's next call with it is refused.
    page.goto("/dashboard/keys")
    expect(key_row(page, "laptop")).to_contain_text("active")
    page.get_by_role("link", name="Revoke key laptop").click()
    page.get_by_role("button", name="Revoke key", exact=True).click()
    expect(page).to_have_url(f"{first_serve.base_url}/dashboard/keys")
    expect(key_row(page, "laptop")).to_contain_text("revoked")
    expect(page.get_by_role("link", name="Revoke key laptop")).to_have_count(0)

    page.goto("/playground")
    expect(page.get_by_label("API key")).to_have_value(key)  # still in this tab's storage
    choose(page, "GET /api/v1/resumes")
    send(page)
    expect(page.locator("#response-status")).to_have_text("401 Unauthorized")
    expect(page.locator("#response-body")).to_contain_text("INVALID_KEY")

    # Sign out: the dashboard is behind the sign-in page again.
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{first_serve.base_url}/signin")
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/signin(\?|$)"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()

    # The password set through the link signs in again; the printed key still works.
    page.get_by_label("Email").fill(first_serve.owner_email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{first_serve.base_url}/dashboard")
    # The development key printed beside the link reaches what the playground made.
    tailored = httpx.get(
        f"{first_serve.base_url}/api/v1/resumes/{tailored_id}",
        headers={"Authorization": f"Bearer {first_serve.dev_key}"},
    )
    assert tailored.status_code == 200
    assert tailored.json()["data"]["parent_id"] == resume_id
    assert page.js_errors == []
    assert page.blocked_requests == []


def test_a_temporary_key_opens_the_playground_ready_to_use(owner_page, first_serve: FirstServe):
    page = owner_page
    page.goto("/signin")
    page.get_by_label("Email").fill(first_serve.owner_email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{first_serve.base_url}/dashboard")

    page.goto("/dashboard/keys")
    page.locator("#temporary-key").click()
    expect(page).to_have_url(f"{first_serve.base_url}/playground")
    # The playground's script fills the field from sessionStorage once it has run.
    expect(page.get_by_label("API key")).to_have_value(re.compile(r"^sk_live_\w{40}$"))
    expect(page.locator('#operation option[value="GET /api/v1/resumes"]')).to_be_attached()
    choose(page, "GET /api/v1/resumes")
    send(page)
    expect(page.locator("#response-status")).to_have_text("200 OK")
    # replace(): the page that held the key is not in the tab's history.
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"/dashboard/keys/temporary"))

    page.goto("/dashboard/keys")
    row = key_row(page, "Playground (temporary)")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("temporary · expires")
    assert page.js_errors == []
