"""What the sync and async clients share: configuration, headers, one attempt's outcome."""

from __future__ import annotations

import os
import uuid
from typing import Any

import httpx

from refleum.client import models as m
from refleum.client._operations import PREFIX, Call
from refleum.client.errors import (
    APIConnectionError,
    ParseFailedError,
    RefleumError,
    WaitTimeoutError,
    error_from_job,
    error_from_response,
)
from refleum.client.retries import RetryPolicy, may_retry

__version__ = "0.1.0"
DEFAULT_TIMEOUT = httpx.Timeout(300.0, connect=10.0)  # a tailoring may take 240 s


def default_base_url() -> str:
    port = os.environ.get("REFLEUM_PORT", "8000")
    return os.environ.get("REFLEUM_BASE_URL") or f"http://127.0.0.1:{port}"


class BaseClient:
    def __init__(
        self,
        api_key: str | None,
        base_url: str | None,
        max_attempts: int,
        retry: RetryPolicy | None,
        idempotency_keys: bool,
    ) -> None:
        self.api_key = api_key if api_key is not None else os.environ.get("REFLEUM_API_KEY")
        self.base_url = (base_url or default_base_url()).rstrip("/")
        self.retry = retry or RetryPolicy(max_attempts=max_attempts)
        self.idempotency_keys = idempotency_keys

    def _headers(self) -> dict[str, str]:
        headers = {"User-Agent": f"refleum-client/{__version__}"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        return headers

    def _request_args(self, call: Call) -> dict[str, Any]:
        headers = dict(call.headers)
        if call.method == "POST" and self.idempotency_keys:
            headers.setdefault("Idempotency-Key", str(uuid.uuid4()))
        return {
            "method": call.method,
            "url": f"{self.base_url}{PREFIX}{call.path}",
            "params": call.params,
            "json": call.json,
            "files": call.files,
            "data": call.data,
            "headers": headers,
        }

    def _outcome(self, call: Call, args: dict, attempt: int, answer) -> tuple[Any, float | None]:
        """(result, None) on success; (error, seconds) to retry; raises when it gives up."""
        retryable = may_retry(call.method, args["headers"])
        if isinstance(answer, httpx.TransportError):
            delay = self.retry.after_error(attempt) if retryable else None
            error = APIConnectionError(
                f"cannot reach {self.base_url}: {answer}", code="CONNECTION_ERROR"
            )
            if delay is None:
                raise error from answer
            return error, delay
        if answer.is_success:
            return call.parse(answer), None
        delay = self.retry.after_response(attempt, answer) if retryable else None
        error = error_from_response(answer)
        if delay is None:
            raise error
        return error, delay


def parse_finished(resume: m.ResumeOut) -> bool:
    """True when the parse is over: READY returns, FAILED raises."""
    if resume.status == "FAILED":
        raise ParseFailedError(resume)
    return resume.status == "READY"


def wait_timed_out(resume_id: str, timeout: float) -> RefleumError:
    return WaitTimeoutError(
        f"resume {resume_id} still PROCESSING after {timeout:g} s", code="WAIT_TIMEOUT"
    )


def job_finished(job: m.Job) -> bool:
    """True when the job is over: succeeded returns, failed raises its error."""
    if job.status == "failed" and job.error is not None:
        raise error_from_job(job)
    return job.done


def job_wait_timed_out(job_id: str, timeout: float) -> RefleumError:
    return WaitTimeoutError(f"job {job_id} not finished after {timeout:g} s", code="WAIT_TIMEOUT")
