"""Public identifiers: a type prefix and a lowercase ULID (80 random bits, unguessable).

python-ulid's ``ULID()`` is monotonic: two ids made in the same millisecond differ by +1,
so one id would reveal its neighbours (another organization's, too) and the public PDF's
only secret is its id. Each id here takes 80 fresh bits from the OS's CSPRNG instead;
the 48-bit millisecond prefix still sorts ids by creation time.
"""

from __future__ import annotations

import secrets
import time

from ulid import ULID

RANDOM_BYTES = 10  # 80 bits


def _milliseconds() -> int:
    return time.time_ns() // 1_000_000


def new_id(prefix: str) -> str:
    raw = _milliseconds().to_bytes(6, "big") + secrets.token_bytes(RANDOM_BYTES)
    return f"{prefix}_{str(ULID.from_bytes(raw)).lower()}"
