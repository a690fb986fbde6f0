"""The playground page: public, labelled controls, limits from settings, no inline script."""

from __future__ import annotations

import re

from refleum.orgs.members import Role
from refleum.web.playground import size_label

CONTROLS = {
    "operation": "Operation",
    "api-key": "API key",
    "body": "Request body (JSON)",
    "file": "Resume file (PDF or DOCX)",
    "follow-parse": "Follow the parse",
}


def _label_for(html: str, control_id: str) -> str | None:
    match = re.search(rf'<label for="{control_id}">(.*?)</label>', html, re.DOTALL)
    return match.group(1).strip() if match else None


async def test_served_without_a_session(client):
    response = await client.get("/playground")
    assert response.status_code == 200
    assert 'href="/playground"' in response.text  # the reduced navigation
    assert "Sign out" not in response.text


async def test_every_named_control_is_there_with_its_label(client):
    html = (await client.get("/playground")).text
    for control_id, label in CONTROLS.items():
        assert f'id="{control_id}"' in html, control_id
        assert _label_for(html, control_id) == label
    for output in (
        "send",
        "response-status",
        "response-headers",
        "response-body",
        "download",
        "as-curl",
        "as-python",
        "parse-status",
    ):
        assert f'id="{output}"' in html, output
    assert re.search(r'<input type="password" id="api-key"', html)
    assert re.search(r'<input type="checkbox" id="follow-parse"[^>]*checked', html)
    assert 'class="dropzone"' in html
    # Every form control in the markup has a label naming it.
    for control_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html):
        assert _label_for(html, control_id), control_id


async def test_upload_limit_is_rendered_from_settings(client, app):
    html = (await client.get("/playground")).text
    assert 'data-max-upload-bytes="10485760"' in html
    assert "up to 10 MB" in html
    app.state.settings.max_upload_bytes = 3 * 1024 * 1024
    html = (await client.get("/playground")).text
    assert 'data-max-upload-bytes="3145728"' in html and "up to 3 MB" in html


async def test_no_inline_script_and_a_strict_csp(client):
    response = await client.get("/playground")
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", response.text, re.DOTALL)
    assert scripts
    for attributes, body in scripts:
        assert "src=" in attributes and not body.strip()
    assert not re.search(r"\son[a-z]+=", response.text), "inline event handler"
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    script = await client.get("/static/playground.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]


async def test_the_script_keeps_the_key_in_session_storage_only(client):
    script = (await client.get("/static/playground.js")).text
    assert "sessionStorage" in script and '"refleum.apiKey"' in script
    assert "localStorage" not in script.replace("never localStorage", "")
    assert "document.cookie" not in script


async def test_signed_in_member_gets_the_full_navigation(client, org, browser_for):
    browser = await browser_for(org.org_id, Role.MEMBER)
    html = (await browser.http.get("/playground")).text
    assert "Sign out" in html and 'href="/dashboard/keys"' in html
    assert re.search(r'href="/playground"\s+aria-current="page"', html)


def test_size_label():
    assert size_label(10 * 1024 * 1024) == "10 MB"
    assert size_label(1536 * 1024) == "1.5 MB"
    assert size_label(512 * 1024) == "512 KB"
