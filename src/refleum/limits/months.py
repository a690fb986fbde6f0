"""Calendar months in UTC: the unit of the monthly quota."""

from __future__ import annotations

import math
from datetime import UTC, datetime


def month_key(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y-%m")


def next_month_start(now: datetime) -> datetime:
    now = now.astimezone(UTC)
    year, month = (now.year + 1, 1) if now.month == 12 else (now.year, now.month + 1)
    return datetime(year, month, 1, tzinfo=UTC)


def seconds_until_next_month(now: datetime) -> int:
    return max(1, math.ceil((next_month_start(now) - now).total_seconds()))
