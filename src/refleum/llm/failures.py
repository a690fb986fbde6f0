"""What a failed model call means: retry or not, how long to wait, what to tell the client.

Details name the provider and its problem in words a client can act on. Provider
messages are quoted only after anything shaped like a credential is removed, because
some providers echo the key they rejected.
"""

from __future__ import annotations

import email.utils
import json
import re
import time

from pydantic_ai.exceptions import (
    ModelAPIError,
    ModelConnectionError,
    ModelHTTPError,
    ModelQuotaExceededError,
)
from pydantic_ai.models import Model

from refleum.llm.ssrf import UnsafeApiBase

RETRYABLE_STATUSES = {408, 409, 425, 429, 500, 502, 503, 504, 520, 522, 524, 529}
BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 8.0
_MAX_QUOTED = 240
# A 429 that means "out of money", not "slow down": waiting will not help.
_QUOTA_CODES = {"insufficient_quota", "billing_error", "quota_exceeded"}
_SECRETISH = re.compile(
    r"\b(?:sk|pk|rk|ak)[-_][A-Za-z0-9_\-*.]{4,}|\bbearer\s+\S+|[A-Za-z0-9_\-]{32,}", re.I
)


def unsafe_base_cause(error: BaseException) -> UnsafeApiBase | None:
    """The SSRF refusal behind an SDK connection error, if that is what it was."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, UnsafeApiBase):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def is_retryable(error: ModelAPIError) -> bool:
    if isinstance(error, ModelQuotaExceededError) or unsafe_base_cause(error) is not None:
        return False
    if error.provider_error_code in _QUOTA_CODES:
        return False
    if isinstance(error, ModelHTTPError):
        return error.status_code in RETRYABLE_STATUSES
    return isinstance(error, ModelConnectionError)


def retry_after_s(error: ModelAPIError, *, now: float | None = None) -> float | None:
    """Seconds the provider asked us to wait (``retry-after-ms``, or ``Retry-After`` as
    seconds or an HTTP date), or None."""
    headers = error.headers if isinstance(error, ModelHTTPError) else None
    if headers:
        if (ms := _number(headers.get("retry-after-ms"))) is not None:
            return max(ms / 1000, 0.0)
        if (raw := headers.get("retry-after")) is not None:
            return parse_retry_after(raw, now=now)
    return error.retry_after


def parse_retry_after(value: str, *, now: float | None = None) -> float | None:
    seconds = _number(value)
    if seconds is not None:
        return max(seconds, 0.0)
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    current = time.time() if now is None else now
    return max(when.timestamp() - current, 0.0)


def backoff_s(failed_attempts: int, *, jitter: float) -> float:
    """Exponential backoff with jitter: ``jitter`` in [0, 1) picks within the upper half."""
    ceiling = min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(failed_attempts - 1, 0))
    return ceiling * (0.5 + jitter / 2)


def who(model: Model) -> str:
    """``openai model 'gpt-4o' at api.openai.com``: the provider, never its key."""
    host = re.sub(r"^[a-z]+://", "", (model.base_url or "")).split("/", 1)[0]
    at = f" at {host}" if host else ""
    return f"{model.system} model {model.model_name!r}{at}"


def describe(error: BaseException, model: Model) -> str:
    refusal = unsafe_base_cause(error)
    if refusal is not None:
        return f"{who(model)}: api_base refused: {refusal.reason}"
    if isinstance(error, ModelHTTPError):
        quoted = provider_message(error.body)
        return f"{who(model)} answered HTTP {error.status_code}" + (f": {quoted}" if quoted else "")
    if isinstance(error, ModelConnectionError):
        return f"{who(model)} is unreachable ({type(error.__cause__ or error).__name__})"
    if isinstance(error, ModelAPIError):
        return f"{who(model)} failed: {redact(str(error.message))}"
    return f"{who(model)} failed ({type(error).__name__})"


def provider_message(body: object) -> str:
    message: object = body
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message", inner) if isinstance(inner, dict) else inner
    if not isinstance(message, str):
        try:
            message = json.dumps(message)
        except (TypeError, ValueError):
            message = str(message)
    return redact(message)


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[redacted]")
    text = _SECRETISH.sub("[redacted]", text)
    text = " ".join(text.split())
    return text if len(text) <= _MAX_QUOTED else text[: _MAX_QUOTED - 1] + "…"


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    return number if number == number and number != float("inf") else None
