"""The playground at phone and desktop widths: no sideways scrolling, a label on every control,
and the whole request can be made from the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.browser.conftest import DESKTOP, PHONE

# The first test of a session also waits for the live server and Chromium to start.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden')
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
  .map(el => el.id || el.name || el.outerHTML)"""
OVERFLOW = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1440px"])
@pytest.mark.parametrize(
    "operation", ["POST /api/v1/resumes", "POST /api/v1/resumes/{id}/tailor", "GET /api/v1/resumes"]
)
def test_fits_the_width_and_labels_every_control(page, viewport, operation):
    page.set_viewport_size(viewport)
    page.goto("/playground")
    page.get_by_label("Operation").select_option(operation)
    scroll_width, inner_width = page.evaluate(OVERFLOW)
    assert scroll_width <= inner_width
    assert page.evaluate(UNLABELLED) == []


def test_a_request_is_made_with_the_keyboard_alone(page):
    page.goto("/playground")
    expect(page.locator('#operation option[value="GET /api/v1/resumes"]')).to_be_attached()
    page.locator("#api-key").focus()
    page.keyboard.type("sk_live_typed")
    page.keyboard.press("Tab")
    expect(page.locator("#operation")).to_be_focused()
    page.locator("#operation").select_option("GET /api/v1/resumes")  # as arrow keys would
    page.locator("#send").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#response-status")).to_have_text("401 Unauthorized")
