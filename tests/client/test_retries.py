"""Retries: which answers are tried again, how long the client waits, and what it sends."""

from __future__ import annotations

import httpx
import pytest

from refleum.client import (
    AsyncRefleumClient,
    BadRequestError,
    RateLimitError,
    RefleumClient,
    RetryPolicy,
    ServerError,
)

USAGE = {
    "month": "2026-11",
    "tailor_calls": 1,
    "tailor_quota": 50,
    "llm_calls": 0,
    "input_tokens": 0,
    "output_tokens": 0,
    "requests_per_minute": 60,
    "plan": "pro",
}
RESUME = {
    "resume_id": "res_1",
    "is_master": True,
    "status": "PROCESSING",
    "filename": "cv.pdf",
    "warnings": [],
    "created_at": "2026-11-29T10:00:00Z",
    "updated_at": "2026-11-29T10:00:00Z",
}


def _error(status: int, code: str, headers: dict | None = None) -> httpx.Response:
    body = {"error": code, "detail": f"{code} happened"}
    return httpx.Response(status, json=body, headers={"X-Request-ID": "req-1", **(headers or {})})


class Script:
    """A transport answering from a list, recording every request."""

    def __init__(self, *answers: httpx.Response) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answers.pop(0)


def sync_client(script: Script, slept: list[float], **kwargs) -> RefleumClient:
    return RefleumClient(
        "sk_test",
        "http://refleum.test",
        transport=httpx.MockTransport(script),
        sleep=slept.append,
        **kwargs,
    )


def test_a_429_waits_the_retry_after_then_succeeds():
    script = Script(
        _error(429, "RATE_LIMITED", {"Retry-After": "7"}), httpx.Response(200, json={"data": USAGE})
    )
    slept: list[float] = []
    usage = sync_client(script, slept).get_usage()
    assert usage.tailor_calls == 1 and usage.plan == "pro"
    assert slept == [7.0]
    assert len(script.requests) == 2


def test_503_twice_then_200_backs_off_exponentially():
    script = Script(
        _error(503, "INTERNAL_ERROR"),
        _error(503, "INTERNAL_ERROR"),
        httpx.Response(200, json={"data": USAGE}),
    )
    slept: list[float] = []
    policy = RetryPolicy(max_attempts=3, backoff_s=1.0)
    sync_client(script, slept, retry=policy).get_usage()
    assert len(slept) == 2
    assert 0.5 <= slept[0] <= 1.0 and 1.0 <= slept[1] <= 2.0  # equal jitter on 1 s, 2 s


def test_a_502_is_retried_and_the_last_error_raised_when_attempts_run_out():
    script = Script(*[_error(502, "LLM_PROVIDER_ERROR") for _ in range(2)])
    slept: list[float] = []
    with pytest.raises(ServerError) as raised:
        sync_client(script, slept, max_attempts=2).get_usage()
    assert raised.value.code == "LLM_PROVIDER_ERROR" and raised.value.status == 502
    assert len(script.requests) == 2 and len(slept) == 1


def test_a_400_is_never_retried():
    script = Script(_error(400, "VALIDATION_ERROR"))
    slept: list[float] = []
    with pytest.raises(BadRequestError) as raised:
        sync_client(script, slept).get_usage()
    assert raised.value.detail == "VALIDATION_ERROR happened" and raised.value.request_id == "req-1"
    assert len(script.requests) == 1 and slept == []


def test_a_retry_after_past_the_cap_is_raised_at_once():
    script = Script(_error(429, "RATE_LIMITED", {"Retry-After": "86400"}))
    slept: list[float] = []
    with pytest.raises(RateLimitError) as raised:
        sync_client(script, slept).get_usage()
    assert raised.value.retry_after == 86400
    assert slept == [] and len(script.requests) == 1


def test_a_retried_post_sends_the_same_idempotency_key():
    script = Script(_error(503, "INTERNAL_ERROR"), httpx.Response(201, json={"data": RESUME}))
    slept: list[float] = []
    resume = sync_client(script, slept).upload_resume(b"%PDF-1.4 fake", filename="cv.pdf")
    assert resume.resume_id == "res_1" and resume.status == "PROCESSING"
    keys = [r.headers["Idempotency-Key"] for r in script.requests]
    assert len(keys) == 2 and keys[0] == keys[1] and len(keys[0]) >= 32
    assert all(b"%PDF-1.4 fake" in r.content for r in script.requests)


def test_a_post_without_an_idempotency_key_is_not_retried():
    script = Script(_error(503, "INTERNAL_ERROR"))
    slept: list[float] = []
    client = sync_client(script, slept, idempotency_keys=False)
    with pytest.raises(ServerError):
        client.upload_resume(b"%PDF-1.4 fake")
    assert "Idempotency-Key" not in script.requests[0].headers
    assert len(script.requests) == 1


def test_two_posts_get_two_keys():
    script = Script(*[httpx.Response(201, json={"data": RESUME}) for _ in range(2)])
    client = sync_client(script, [])
    client.upload_resume(b"%PDF-1.4 a")
    client.upload_resume(b"%PDF-1.4 b")
    first, second = (r.headers["Idempotency-Key"] for r in script.requests)
    assert first != second


def test_a_refused_connection_is_retried_for_a_get():
    calls = []

    def refuse_then_answer(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json={"data": USAGE})

    slept: list[float] = []
    client = RefleumClient(
        "k",
        "http://refleum.test",
        transport=httpx.MockTransport(refuse_then_answer),
        sleep=slept.append,
    )
    assert client.get_usage().month == "2026-11"
    assert len(calls) == 2 and len(slept) == 1


async def test_the_async_client_retries_the_same_way():
    script = Script(
        _error(429, "RATE_LIMITED", {"Retry-After": "2"}),
        _error(503, "INTERNAL_ERROR"),
        httpx.Response(200, json={"data": USAGE}),
    )
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    async with AsyncRefleumClient(
        "k", "http://refleum.test", transport=httpx.MockTransport(script), sleep=sleep
    ) as client:
        assert (await client.get_usage()).requests_per_minute == 60
    assert slept[0] == 2.0 and len(slept) == 2


async def test_the_async_client_does_not_retry_a_400():
    script = Script(_error(400, "VALIDATION_ERROR"))

    async def sleep(seconds: float) -> None:
        raise AssertionError("no wait expected")

    async with AsyncRefleumClient(
        "k", "http://refleum.test", transport=httpx.MockTransport(script), sleep=sleep
    ) as client:
        with pytest.raises(BadRequestError):
            await client.get_usage()
