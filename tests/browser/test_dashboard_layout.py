"""Every page at a phone's width (375 px) and a desktop's (1440 px): no sideways scrolling of
the page (wide tables scroll inside their `.table-wrap`), a label on every control, no
console errors; and the main actions reachable with the keyboard alone, including signing
in and creating a key without touching the mouse."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from playwright.sync_api import expect
from tests.browser.conftest import DESKTOP, PASSWORD, PHONE, keep_local

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.type !== 'hidden' && !el.hidden)
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby'))
  .map(el => el.id || el.name || el.outerHTML)"""
OVERFLOW = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# Elements wider than the window that are not inside a scrolling .table-wrap or <pre>.
STICKING_OUT = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(el => !el.closest('.table-wrap, pre, .visually-hidden, .sr-only, .skip-link'))
  .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
             (el.className ? '.' + String(el.className).split(' ').join('.') : ''))"""
PARSE_TIMEOUT_S = 120


@pytest.fixture(scope="module")
def layout_org(run_cli, live_base_url: str, examples_dir: Path) -> dict[str, str]:
    """An organization with a parsed resume and a tailored child, so no page is empty."""
    org = json.loads(run_cli("orgs", "create", "Layout Works", "--plan", "pro", "--json"))
    key = json.loads(run_cli("keys", "create", "--org", org["org_id"], "--json"))["key"]
    api = httpx.Client(
        base_url=f"{live_base_url}/api/v1",
        headers={"Authorization": f"Bearer {key}"},
        timeout=120,
    )
    with api:
        pdf = (examples_dir / "resume.pdf").read_bytes()
        made = api.post("/resumes", files={"file": ("resume.pdf", pdf, "application/pdf")})
        assert made.status_code == 201, made.text
        resume_id = made.json()["data"]["resume_id"]
        deadline = time.monotonic() + PARSE_TIMEOUT_S
        while (status := api.get(f"/resumes/{resume_id}").json()["data"]["status"]) != "READY":
            assert status == "PROCESSING" and time.monotonic() < deadline, status
            time.sleep(0.5)
        jd = (examples_dir / "job_description.txt").read_text()
        tailored = api.post(f"/resumes/{resume_id}/tailor", json={"job_description": jd})
        assert tailored.status_code == 201, tailored.text
    return {"org_id": org["org_id"], "resume_id": resume_id}


@pytest.fixture(scope="module")
def owner_state(chromium, live_base_url: str, sign_in_new, layout_org) -> dict:
    """A signed-in owner's cookies, for fresh contexts at every size."""
    context = chromium.new_context(base_url=live_base_url)
    try:
        page = context.new_page()
        sign_in_new(page, layout_org["org_id"], "owner")
        return context.storage_state()
    finally:
        context.close()


def _open(chromium, base_url: str, viewport: dict, state: dict | None) -> Iterator:
    context = chromium.new_context(viewport=viewport, base_url=base_url, storage_state=state)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.blocked_requests = keep_local(page)
    page.console_errors = []
    page.on(
        "console",
        lambda m: page.console_errors.append(m.text) if m.type == "error" else None,
    )
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def owner_page(chromium, live_base_url, owner_state) -> Iterator:
    yield from _open(chromium, live_base_url, DESKTOP, owner_state)


@pytest.fixture
def anonymous_page(chromium, live_base_url) -> Iterator:
    yield from _open(chromium, live_base_url, DESKTOP, None)


def _set_password_path(run_cli, org_id: str) -> str:
    made = json.loads(
        run_cli(
            "users",
            "create",
            "--org",
            org_id,
            "--email",
            f"new-{time.time_ns()}@example.com",
            "--json",
        )
    )
    return urlsplit(made["sign_in_link"]).path


PAGES = {
    "overview": "/dashboard",
    "keys": "/dashboard/keys",
    "resumes": "/dashboard/resumes",
    "resume": "/dashboard/resumes/{resume_id}",
    "model": "/dashboard/model",
    "members": "/dashboard/members",
    "playground": "/playground",
    "signin": "/signin",
    "set-password": None,  # a fresh one-time link
}
SIGNED_OUT = {"signin", "set-password"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1440px"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_fits_and_labels_its_controls(request, run_cli, layout_org, viewport, name):
    page = request.getfixturevalue("anonymous_page" if name in SIGNED_OUT else "owner_page")
    page.set_viewport_size(viewport)
    path = PAGES[name] or _set_password_path(run_cli, layout_org["org_id"])
    response = page.goto(path.format(**layout_org))
    assert response.status == 200
    assert urlsplit(page.url).path == path.format(**layout_org)
    if name == "playground":
        expect(page.locator('#operation option[value="POST /api/v1/resumes"]')).to_be_attached()
    if name == "resume":
        expect(page.locator("#downloads")).to_be_visible()
        expect(page.locator("#children li")).to_have_count(1)
    scroll_width, inner_width = page.evaluate(OVERFLOW)
    assert scroll_width <= inner_width, page.evaluate(STICKING_OUT)
    assert page.evaluate(STICKING_OUT) == []
    assert page.evaluate(UNLABELLED) == []
    # Browsers ask for an icon on their own; a 404 there was a console error on every page.
    icon = page.evaluate("() => document.querySelector('link[rel=icon]').href")
    assert page.request.get(icon).ok
    assert page.console_errors == []
    assert page.blocked_requests == []


def _tab_until(page, selector: str, limit: int = 60) -> list[str]:
    """Presses Tab until ``selector`` has the focus; returns what was focused on the way."""
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return seen
        seen.append(page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)"))
    raise AssertionError(f"Tab never reached {selector}: {seen}")


def test_the_first_tab_offers_the_skip_link(owner_page):
    owner_page.goto("/dashboard/keys")
    owner_page.keyboard.press("Tab")
    expect(owner_page.get_by_role("link", name="Skip to content")).to_be_focused()
    owner_page.keyboard.press("Enter")
    assert owner_page.url.endswith("#main")


def test_tab_reaches_the_keys_page_actions(owner_page):
    owner_page.goto("/dashboard/keys")
    _tab_until(owner_page, "#key-name")
    _tab_until(owner_page, "button[type=submit]", limit=3)
    expect(owner_page.get_by_role("button", name="Create key")).to_be_focused()
    _tab_until(owner_page, "#temporary-key", limit=3)


@pytest.mark.parametrize(
    "path,action",
    [
        ("/dashboard", 'a.button[href="/playground"]'),
        ("/dashboard/resumes", "#resumes tbody a"),
        ("/dashboard/resumes/{resume_id}", 'a[href$="/download/pdf"]'),
        ("/dashboard/model", "#save-model"),
        ("/dashboard/members", "#invite-email"),
        ("/dashboard/members", "#invite-role"),
    ],
)
def test_tab_reaches_each_pages_main_action(owner_page, layout_org, path, action):
    owner_page.goto(path.format(**layout_org))
    _tab_until(owner_page, action)


def test_sign_in_and_create_a_key_with_the_keyboard_only(
    anonymous_page, run_cli, sign_in_new, layout_org, chromium, live_base_url
):
    # A person with a password, made through their link in another tab.
    setup = chromium.new_context(base_url=live_base_url)
    try:
        person = sign_in_new(setup.new_page(), layout_org["org_id"], "owner")
    finally:
        setup.close()

    page = anonymous_page
    page.goto("/signin")
    expect(page.locator("#email")).to_be_focused()  # autofocus: type at once
    page.keyboard.type(person.email)
    page.keyboard.press("Tab")
    expect(page.locator("#password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard", timeout=30_000)  # Argon2id on a busy machine
    expect(page.locator("#plan-name")).to_be_visible()

    # From the overview: the nav link to the keys page, then the form, by keys only.
    _tab_until(page, 'a[href="/dashboard/keys"]')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="API keys")).to_be_visible()
    _tab_until(page, "#key-name")
    page.keyboard.type("typed, never clicked")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Key created: typed, never clicked")).to_be_visible()
    assert page.locator("#new-key").text_content().startswith("sk_live_")
    _tab_until(page, "#copy-key")
    assert page.console_errors == []
