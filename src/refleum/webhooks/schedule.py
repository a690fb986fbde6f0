"""When a failed delivery is tried again: exponential backoff, for 24 hours at most."""

from __future__ import annotations

from datetime import datetime, timedelta

# After the first attempt fails: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h; the last attempt is
# then 24 h after the event (8 attempts in all).
RETRY_DELAYS = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
)
RETRY_WINDOW = timedelta(hours=24)


def next_attempt(attempts_made: int, now: datetime, retry_until: datetime) -> datetime | None:
    """When to try again after ``attempts_made`` failed attempts, or None to give up."""
    if now >= retry_until:
        return None
    index = attempts_made - 1
    delay = RETRY_DELAYS[index] if 0 <= index < len(RETRY_DELAYS) else RETRY_WINDOW
    # The window's end gets one last attempt rather than none.
    return min(now + delay, retry_until)
