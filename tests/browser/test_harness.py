"""The harness's own rule: no Chromium skips locally, and fails where CI requires a browser."""

from __future__ import annotations

import pytest
from tests.browser.conftest import _no_browser, chromium_path


def test_missing_browser_skips_with_the_reason(monkeypatch):
    monkeypatch.delenv("REFLEUM_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium found"):
        _no_browser("no Chromium found")


def test_missing_browser_fails_where_required(monkeypatch):
    monkeypatch.setenv("REFLEUM_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="REFLEUM_REQUIRE_BROWSER=1 but no Chromium"):
        _no_browser("no Chromium found")


def test_chromium_path_takes_the_override_first(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("REFLEUM_CHROMIUM", str(fake))
    assert chromium_path() == str(fake)
