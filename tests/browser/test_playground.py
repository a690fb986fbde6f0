"""The playground in a real browser: upload → parse → tailor → PDF, a bad key, refused files."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

# The first test of a session also waits for the live server and Chromium to start.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

UPLOAD = "POST /api/v1/resumes"
TAILOR = "POST /api/v1/resumes/{id}/tailor"
PDF = "GET /api/v1/resumes/{id}/pdf"
PARSE_TIMEOUT_MS = 90_000


def open_playground(page, key: str | None = None) -> None:
    page.goto("/playground")
    expect(page.locator(f'#operation option[value="{UPLOAD}"]')).to_be_attached()
    if key is not None:
        page.get_by_label("API key").fill(key)


def choose(page, operation: str) -> None:
    page.get_by_label("Operation").select_option(operation)


def send(page) -> None:
    page.locator("#send").click()
    expect(page.locator("#response-status")).not_to_have_text("Sending…")


def response_json(page) -> dict:
    return json.loads(page.locator("#response-body").text_content())


def test_upload_parse_tailor_and_download_the_pdf(page, api_org, examples_dir: Path):
    open_playground(page, api_org.key)
    choose(page, UPLOAD)
    page.get_by_label("Resume file (PDF or DOCX)").set_input_files(examples_dir / "resume.pdf")
    expect(page.locator("#follow-parse")).to_be_checked()
    send(page)
    expect(page.locator("#response-status")).to_have_text("201 Created")
    uploaded = response_json(page)["data"]
    assert uploaded["status"] == "PROCESSING"
    headers = page.locator("#response-headers").text_content()
    for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-Request-ID"):
        assert name in headers
    curl = page.locator("#as-curl").text_content()
    python = page.locator("#as-python").text_content()
    assert "$REFLEUM_API_KEY" in curl and "file=@resume.pdf" in curl
    assert "REFLEUM_API_KEY" in python and "httpx.post(" in python
    assert python.startswith("import os\nfrom pathlib import Path\n\nimport httpx\n")
    assert api_org.key not in curl + python
    expect(page.locator("#parse-status")).to_have_text("READY", timeout=PARSE_TIMEOUT_MS)
    assert response_json(page)["data"]["structured_data"]  # the parsed resume, shown at the end

    choose(page, TAILOR)
    page.locator("#param-id").fill(uploaded["resume_id"])
    skeleton = json.loads(page.get_by_label("Request body (JSON)").input_value())
    assert "job_description" in skeleton  # built from the schema's required properties
    jd = (examples_dir / "job_description.txt").read_text()
    page.get_by_label("Request body (JSON)").fill(json.dumps({"job_description": jd}))
    send(page)
    expect(page.locator("#response-status")).to_have_text("201 Created", timeout=60_000)
    tailored = response_json(page)["data"]
    assert tailored["parent_id"] == uploaded["resume_id"]
    assert tailored["resume_data"]
    expect(page.locator("#download")).to_be_hidden()  # a JSON answer has nothing to download

    choose(page, PDF)
    page.locator("#param-id").fill(tailored["resume_id"])
    send(page)
    expect(page.locator("#response-status")).to_have_text("200 OK", timeout=60_000)
    link = page.locator("#download")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert page.js_errors == []


def test_a_bad_key_shows_401_and_the_envelope(page):
    open_playground(page, "sk_live_not-a-real-key")
    choose(page, "GET /api/v1/resumes")
    send(page)
    expect(page.locator("#response-status")).to_have_text("401 Unauthorized")
    assert response_json(page)["error"] == "INVALID_KEY"
    expect(page.locator("#response-error")).to_contain_text("INVALID_KEY")
    expect(page.locator("#download")).to_be_hidden()
    expect(page.locator("#parse-status")).to_be_hidden()


def test_oversized_or_wrong_files_are_refused_before_sending(page, tmp_path: Path):
    open_playground(page, "sk_live_unused")
    choose(page, UPLOAD)
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/api/v1/" in r.url else None)
    error = page.locator("#request-error")

    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a resume")
    page.locator("#file").set_input_files(wrong)
    send(page)
    expect(error).to_be_visible()
    expect(error).to_contain_text("not a PDF or DOCX")

    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024))
    page.locator("#file").set_input_files(big)
    send(page)
    expect(error).to_contain_text("the limit is 10 MB")
    assert sent == []


def test_the_key_stays_in_session_storage(page):
    open_playground(page, "sk_live_kept-in-this-tab")
    stored = page.evaluate(
        "() => [sessionStorage.getItem('refleum.apiKey'), localStorage.length, document.cookie]"
    )
    assert stored == ["sk_live_kept-in-this-tab", 0, ""]
    page.reload()
    expect(page.get_by_label("API key")).to_have_value("sk_live_kept-in-this-tab")


def test_operations_list_every_api_operation(page, live_base_url):
    import httpx

    schema = httpx.get(f"{live_base_url}/openapi.json").json()
    expected = {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1")
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    open_playground(page)
    values = page.locator("#operation option").evaluate_all("els => els.map(e => e.value)")
    assert set(values) == expected
    label = page.locator(f'#operation option[value="{UPLOAD}"]').text_content()
    assert label.startswith(f"{UPLOAD} — ")


def test_following_a_parse_waits_out_a_429(page, run_cli, examples_dir: Path):
    """A Free organization has 1 request a minute: the upload uses it, the first poll is
    refused, and the playground waits for Retry-After before it asks again."""
    org = json.loads(run_cli("orgs", "create", "Free Browser", "--plan", "free", "--json"))
    key = json.loads(run_cli("keys", "create", "--org", org["org_id"], "--json"))["key"]
    polls: list[tuple[float, int, str | None]] = []

    def seen(response) -> None:
        if "/api/v1/resumes/res_" in response.url:
            polls.append((time.monotonic(), response.status, response.headers.get("retry-after")))

    page.on("response", seen)
    open_playground(page, key)
    choose(page, UPLOAD)
    page.locator("#file").set_input_files(examples_dir / "resume.pdf")
    send(page)
    expect(page.locator("#response-status")).to_have_text("201 Created")
    expect(page.locator("#parse-status")).to_contain_text("rate limited: next check in")
    page.wait_for_timeout(4000)
    (refused_at, status, retry_after), *later = polls
    assert status == 429 and retry_after is not None
    # The window is a clock minute: the next poll may come soon, but never before Retry-After.
    if later:
        assert later[0][0] - refused_at >= max(1.5, int(retry_after)) - 0.3


def test_descriptions_show_code_spans_not_backticks(page):
    open_playground(page)
    choose(page, "GET /api/v1/usage")
    description = page.locator("#operation-description")
    expect(description.locator("code").first).to_have_text("null")
    assert "`" not in description.text_content()
