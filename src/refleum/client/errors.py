"""Errors as exceptions: the envelope's code and detail, the status and the request id."""

from __future__ import annotations

import email.utils
import time

import httpx


class RefleumError(Exception):
    """Any failed call. `code` is the envelope's `error` (e.g. `NOT_FOUND`)."""

    def __init__(
        self,
        detail: str,
        *,
        code: str = "ERROR",
        status: int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(f"{code}: {detail}" if status is None else f"{status} {code}: {detail}")
        self.code = code
        self.detail = detail
        self.status = status
        self.request_id = request_id


class APIConnectionError(RefleumError):
    """The server could not be reached, or the connection broke before an answer."""


class BadRequestError(RefleumError):
    """400: VALIDATION_ERROR, NO_MASTER_RESUME, NO_JOB_DESCRIPTION."""


class AuthenticationError(RefleumError):
    """401: MISSING_KEY, INVALID_KEY, UNAUTHORIZED."""


class PermissionDeniedError(RefleumError):
    """403: PLAN_REQUIRED."""


class NotFoundError(RefleumError):
    """404: an unknown id, or another organization's."""


class ConflictError(RefleumError):
    """409: e.g. an Idempotency-Key reused with another request."""


class RateLimitError(RefleumError):
    """429: `retry_after` is the seconds the server asked to wait, when it said."""

    def __init__(self, detail: str, *, retry_after: float | None = None, **kwargs) -> None:
        super().__init__(detail, **kwargs)
        self.retry_after = retry_after


class ServerError(RefleumError):
    """5xx: INTERNAL_ERROR, PDF_RENDER_FAILED, or anything the server could not do."""


class ProviderError(ServerError):
    """502 LLM_PROVIDER_ERROR: the organization's model provider failed."""


class TimeoutError(ServerError):  # noqa: A001 - refleum.client.TimeoutError, as the code says
    """504 TIMEOUT: tailoring passed the server's hard timeout; nothing was stored."""


class ParseFailedError(RefleumError):
    """`wait_until_parsed`: the resume ended FAILED; `resume` holds its warnings."""

    def __init__(self, resume) -> None:
        reason = "; ".join(resume.warnings) or "no reason given"
        super().__init__(f"resume {resume.resume_id} failed to parse: {reason}", code="FAILED")
        self.resume = resume


class WaitTimeoutError(RefleumError):
    """`wait_until_parsed`: still PROCESSING when the timeout passed."""


_BY_CODE: dict[str, type[RefleumError]] = {
    "MISSING_KEY": AuthenticationError,
    "INVALID_KEY": AuthenticationError,
    "UNAUTHORIZED": AuthenticationError,
    "PLAN_REQUIRED": PermissionDeniedError,
    "NOT_FOUND": NotFoundError,
    "RATE_LIMITED": RateLimitError,
    "LLM_PROVIDER_ERROR": ProviderError,
    "TIMEOUT": TimeoutError,
}
_BY_STATUS: dict[int, type[RefleumError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    429: RateLimitError,
}


def error_from_job(job) -> RefleumError:
    """The exception for a failed job: the code and detail the synchronous call would have
    raised (the job has no HTTP status of its own)."""
    code, detail = job.error.error, job.error.detail
    cls = _BY_CODE.get(code) or RefleumError
    if cls is RateLimitError:
        return RateLimitError(detail, code=code)
    return cls(detail, code=code)


def retry_after_seconds(response: httpx.Response) -> float | None:
    """`Retry-After` as seconds: delta-seconds or an HTTP date; None when absent or bad."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def error_from_response(response: httpx.Response) -> RefleumError:
    """The exception for a non-2xx answer, from the envelope when there is one."""
    code, detail = f"HTTP_{response.status_code}", response.reason_phrase or "error"
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        code = body["error"]
        detail = str(body.get("detail") or detail)
    cls = _BY_CODE.get(code) or _BY_STATUS.get(response.status_code)
    if cls is None:
        cls = ServerError if response.status_code >= 500 else RefleumError
    kwargs = {
        "code": code,
        "status": response.status_code,
        "request_id": response.headers.get("X-Request-ID"),
    }
    if cls is RateLimitError:
        return RateLimitError(detail, retry_after=retry_after_seconds(response), **kwargs)
    return cls(detail, **kwargs)
