"""When to try a call again, and how long to wait first.

Retried: answers 429, 502 and 503 and broken connections, for idempotent methods and for
POSTs that carry an Idempotency-Key (the client sends one by default, the same on every
attempt, so the server does the work once). The wait is the server's `Retry-After` when it
gives one, else exponential backoff with jitter.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import httpx

from refleum.client.errors import retry_after_seconds

RETRY_STATUSES = frozenset({429, 502, 503})
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3
    backoff_s: float = 0.5
    max_backoff_s: float = 8.0
    # A longer Retry-After (e.g. a monthly quota that resets in days) is raised at once.
    max_retry_after_s: float = 60.0

    def backoff(self, attempt: int) -> float:
        """Exponential, with "equal jitter": half fixed, half random, so clients spread out."""
        ceiling = min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def after_response(self, attempt: int, response: httpx.Response) -> float | None:
        """Seconds to wait before the next attempt, or None to give up with this answer."""
        if response.status_code not in RETRY_STATUSES or attempt >= self.max_attempts:
            return None
        retry_after = retry_after_seconds(response)
        if retry_after is None:
            return self.backoff(attempt)
        return retry_after if retry_after <= self.max_retry_after_s else None

    def after_error(self, attempt: int) -> float | None:
        return self.backoff(attempt) if attempt < self.max_attempts else None


def may_retry(method: str, headers: dict[str, str]) -> bool:
    return method in IDEMPOTENT_METHODS or "Idempotency-Key" in headers
