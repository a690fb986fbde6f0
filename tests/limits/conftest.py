"""Fixtures shared by the rate-limit tests that run against the real Redis."""

from __future__ import annotations

import uuid

import pytest
import redis
from tests.limits.support import REDIS_URL


@pytest.fixture
def key_prefix():
    """A prefix of our own, so parallel runs never count each other's requests."""
    prefix = f"refleum-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)
    client.close()
