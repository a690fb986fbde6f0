"""API key material: generation and hashing. The full key exists only at creation."""

from __future__ import annotations

import hashlib
import secrets
import string

KEY_PREFIX = "sk_live_"
_BASE62 = string.digits + string.ascii_letters
_RANDOM_CHARS = 40  # 40 base62 chars: ~238 bits


def generate_key() -> str:
    return KEY_PREFIX + "".join(secrets.choice(_BASE62) for _ in range(_RANDOM_CHARS))


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def display_prefix(key: str) -> str:
    """What a listing shows: enough to recognise a key, far too little to use it."""
    return key[: len(KEY_PREFIX) + 4]
