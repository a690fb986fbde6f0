"""Public identifiers: a type prefix and a lowercase ULID (80 random bits, unguessable)."""

from __future__ import annotations

from ulid import ULID


def new_id(prefix: str) -> str:
    return f"{prefix}_{str(ULID()).lower()}"
