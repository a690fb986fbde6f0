"""The development key of the first start reaches stdout only, never a log record.

Log handlers ship records to files and collectors; a live key must not travel with them
(audit #11, finding 12 g). Logging is at DEBUG so that even driver-level records (SQL
parameters) are inspected.
"""

from __future__ import annotations

import logging
import re

import pytest
from typer.testing import CliRunner

from refleum import cli
from refleum.config import get_settings


@pytest.fixture
def serve_without_serving(tmp_path, monkeypatch):
    monkeypatch.setenv("REFLEUM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REFLEUM_LOG_LEVEL", "DEBUG")
    monkeypatch.delenv("REFLEUM_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: None)
    yield
    get_settings.cache_clear()


def test_dev_key_is_printed_to_stdout_and_absent_from_every_log_record(
    serve_without_serving, caplog
):
    with caplog.at_level(logging.DEBUG):
        result = CliRunner().invoke(cli.app, ["serve"])
    assert result.exit_code == 0, result.output
    key = re.search(r"sk_live_[0-9A-Za-z]{32,}", result.stdout)
    assert key, result.stdout
    assert caplog.records, "DEBUG logging recorded nothing: the check below would be empty"
    for record in caplog.records:
        assert key.group(0) not in record.getMessage(), record.name
        assert key.group(0) not in str(record.args), record.name
