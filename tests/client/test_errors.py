"""Every answer that is not a success becomes the exception its code names."""

from __future__ import annotations

import httpx
import pytest

from refleum.client import (
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ProviderError,
    RateLimitError,
    RefleumError,
    ServerError,
    TimeoutError,
)
from refleum.client.errors import error_from_response, retry_after_seconds


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "VALIDATION_ERROR", BadRequestError),
        (400, "NO_MASTER_RESUME", BadRequestError),
        (400, "NO_JOB_DESCRIPTION", BadRequestError),
        (401, "MISSING_KEY", AuthenticationError),
        (401, "INVALID_KEY", AuthenticationError),
        (401, "UNAUTHORIZED", AuthenticationError),
        (403, "PLAN_REQUIRED", PermissionDeniedError),
        (404, "NOT_FOUND", NotFoundError),
        (409, "IDEMPOTENCY_KEY_REUSED", ConflictError),
        (429, "RATE_LIMITED", RateLimitError),
        (500, "INTERNAL_ERROR", ServerError),
        (502, "LLM_PROVIDER_ERROR", ProviderError),
        (503, "PDF_RENDER_FAILED", ServerError),
        (504, "TIMEOUT", TimeoutError),
        (418, "SOMETHING_NEW", RefleumError),
    ],
)
def test_codes_map_to_exceptions(status, code, cls):
    response = httpx.Response(
        status, json={"error": code, "detail": "why"}, headers={"X-Request-ID": "abc"}
    )
    error = error_from_response(response)
    assert type(error) is cls
    assert (error.code, error.detail, error.status, error.request_id) == (
        code,
        "why",
        status,
        "abc",
    )
    assert str(error) == f"{status} {code}: why"


def test_an_answer_without_an_envelope_still_raises_with_the_status():
    error = error_from_response(httpx.Response(502, text="<html>Bad gateway</html>"))
    assert isinstance(error, ServerError)
    assert error.code == "HTTP_502" and error.detail == "Bad Gateway" and error.request_id is None


def test_a_rate_limit_carries_retry_after():
    response = httpx.Response(
        429, json={"error": "RATE_LIMITED", "detail": "slow down"}, headers={"Retry-After": "12"}
    )
    error = error_from_response(response)
    assert isinstance(error, RateLimitError) and error.retry_after == 12


@pytest.mark.parametrize(
    ("value", "expected"),
    [("5", 5.0), ("0", 0.0), ("-3", 0.0), ("soon", None), ("Mon, 01 Jan 2001 00:00:00 GMT", 0.0)],
)
def test_retry_after_parsing(value, expected):
    assert retry_after_seconds(httpx.Response(429, headers={"Retry-After": value})) == expected
