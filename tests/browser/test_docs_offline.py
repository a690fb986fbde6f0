"""Swagger UI and ReDoc render the API's operations with every non-local request aborted."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

# The first test of a session also waits for the live server and Chromium to start.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


# ReDoc always draws its "API docs by Redocly" logo from its CDN; the page's CSP stops that
# image before any request is made, and ReDoc then hides it. Nothing else may be refused.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def _csp_violations(page) -> list[str]:
    found: list[str] = []

    def seen(msg) -> None:
        if "Content Security Policy" in msg.text and REDOC_LOGO not in msg.text:
            found.append(msg.text)

    page.on("console", seen)
    return found


def test_swagger_ui_renders_offline(page):
    violations = _csp_violations(page)
    page.goto("/docs")
    upload = page.locator(".opblock-summary-path", has_text="/api/v1/resumes").first
    expect(upload).to_be_visible()
    assert page.locator(".opblock").count() >= 10
    expect(page.locator(".opblock-post .opblock-summary-path").first).to_be_visible()
    assert page.blocked_requests == [], "Swagger UI tried to reach the network"
    assert violations == [] and page.js_errors == []


def test_redoc_renders_offline(page):
    violations = _csp_violations(page)
    page.goto("/redoc")
    # The side menu lists the API's tags; the body has one heading per operation.
    expect(page.get_by_role("menuitem", name="resumes").first).to_be_visible()
    expect(page.get_by_role("heading", name="Upload a resume (PDF or DOCX)").first).to_be_attached()
    assert page.locator("[data-section-id*='/operation/']").count() >= 10
    assert page.blocked_requests == [], "ReDoc tried to reach the network"
    assert violations == [] and page.js_errors == []
