"""Real-browser fixtures: one live server per test session, the system Chromium per module.

Chromium is the machine's own (``/usr/bin/chromium``, or ``REFLEUM_CHROMIUM``), driven by
Playwright's Python client; ``playwright install`` is never run, nothing is downloaded.
Without Chromium the browser tests skip locally, and fail where ``REFLEUM_REQUIRE_BROWSER=1``
(CI sets it after installing Chromium), so a missing browser never passes quietly there.

Reusable by later journeys: ``live_base_url``, ``live_env`` and ``run_cli`` (e.g.
``run_cli("users", "create", …)`` against the live server's own data directory), ``api_org``
(a Pro organization and key made by the CLI) and ``page`` (a fresh context per test whose
requests can reach this machine only).
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from tests.live_server import live_server

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine has no internet: without these Chromium keeps dialling Google's services.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 375, "height": 800}


def chromium_path() -> str | None:
    candidates = [os.environ.get("REFLEUM_CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def _no_browser(reason: str) -> None:
    if os.environ.get("REFLEUM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"REFLEUM_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


# Per module, not per session: the sync client runs an event loop in this thread while it
# is open, and pytest-asyncio cannot run the async tests of other modules beside it.
@pytest.fixture(scope="module")
def chromium() -> Iterator:
    path = chromium_path()
    if path is None:
        _no_browser("no Chromium found (apt-get install chromium, or set REFLEUM_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - the dev extra installs it
        _no_browser("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def live_env(tmp_path_factory) -> dict[str, str]:
    """The environment of the live server; the CLI run with it sees the same database."""
    env = {
        "REFLEUM_DATA_DIR": str(tmp_path_factory.mktemp("browser-live")),
        # A real browser fetches pages, assets and the API from one address.
        "REFLEUM_ADDRESS_RPM": "100000",
    }
    # SQLite in the data dir by default; a PostgreSQL URL here runs the journeys on it.
    if database_url := os.environ.get("REFLEUM_BROWSER_DATABASE_URL"):
        env["REFLEUM_DATABASE_URL"] = database_url
    return env


@pytest.fixture(scope="session")
def live_base_url(live_env: dict[str, str]) -> Iterator[str]:
    with live_server(live_env) as base:
        yield base


@pytest.fixture(scope="session")
def run_cli(live_env: dict[str, str], live_base_url: str):
    """``run_cli("orgs", "create", "Acme")``: the operator CLI on the live server's data."""

    def run(*args: str) -> str:
        env = {**os.environ, **live_env, "REFLEUM_LOG_LEVEL": "WARNING"}
        if "REFLEUM_DATABASE_URL" not in live_env:
            env.pop("REFLEUM_DATABASE_URL", None)
        done = subprocess.run(
            [sys.executable, "-m", "refleum", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"refleum {' '.join(args)}: {done.stderr}"
        return done.stdout

    return run


@dataclass(frozen=True)
class ApiOrg:
    org_id: str
    key: str


@pytest.fixture(scope="session")
def api_org(run_cli) -> ApiOrg:
    """A Pro organization (60 requests a minute) and one key, made by the operator CLI."""
    org = json.loads(run_cli("orgs", "create", "Browser Journeys", "--plan", "pro", "--json"))
    key = json.loads(run_cli("keys", "create", "--org", org["org_id"], "--json"))
    return ApiOrg(org["org_id"], key["key"])


PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Person:
    email: str
    member_id: str


@pytest.fixture(scope="session")
def sign_in_new(run_cli):
    """``sign_in_new(page, org_id, "member")``: a new person of that organization, added by
    ``refleum users create``, who opens their one-time link in ``page`` and sets
    ``PASSWORD``; the page ends signed in, on /dashboard."""
    numbers = itertools.count()

    def sign_in(page, org_id: str, role: str = "member") -> Person:
        # Hyphens: a browser's type=email field refuses an underscore in the domain.
        email = f"{role}-{next(numbers)}@{org_id.lower().replace('_', '-')}.example.com"
        made = json.loads(
            run_cli("users", "create", "--org", org_id, "--email", email, "--role", role, "--json")
        )
        # The link names the configured address; the live server listens elsewhere.
        page.goto(urlsplit(made["sign_in_link"]).path)
        page.get_by_label("New password").fill(PASSWORD)
        page.get_by_label("Repeat password").fill(PASSWORD)
        page.get_by_role("button", name="Set password and sign in").click()
        # Argon2id on a busy 2-core machine: allow the answer a while.
        page.wait_for_url("**/dashboard", timeout=30_000)
        return Person(email, made["member_id"])

    return sign_in


def keep_local(page) -> list[str]:
    """Aborts every request that would leave this machine; returns the URLs it blocked."""
    blocked: list[str] = []

    def route(r) -> None:
        url = r.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            r.continue_()
        else:
            blocked.append(url)
            r.abort()

    page.route("**/*", route)
    return blocked


@contextlib.contextmanager
def local_tab(chromium, base_url: str, permissions: tuple[str, ...] = ()) -> Iterator:
    """A fresh tab (own cookies and storage) at desktop size, held to local addresses; its
    ``blocked_requests`` and ``js_errors`` say what it tried to reach and what threw."""
    context = chromium.new_context(viewport=DESKTOP, base_url=base_url)
    if permissions:
        context.grant_permissions(list(permissions), origin=base_url)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.blocked_requests = keep_local(tab)
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.js_errors = errors
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page(chromium, live_base_url: str) -> Iterator:
    with local_tab(chromium, live_base_url) as tab:
        yield tab


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "examples"
