"""Dashboard passwords: Argon2id through pwdlib, and the length rule every form applies.

Hashing takes tens of milliseconds of CPU on purpose, so the async helpers run it in a
worker thread instead of stalling every other request on the event loop.
"""

from __future__ import annotations

import secrets
from functools import lru_cache

import anyio.to_thread
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from refleum.errors import ValidationFailed

MIN_LENGTH = 10
# Long passphrases are welcome; past this a "password" is a way to make the server hash
# megabytes on every attempt.
MAX_LENGTH = 1024

hasher = PasswordHash((Argon2Hasher(),))


def check_policy(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise ValidationFailed(f"The password must be at least {MIN_LENGTH} characters long.")
    if len(password) > MAX_LENGTH:
        raise ValidationFailed(f"The password must be at most {MAX_LENGTH:,} characters long.")


def hash_password(password: str) -> str:
    check_policy(password)
    return hasher.hash(password)


def verify(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """(matches, a new hash when the stored one uses weaker parameters than today's).

    Without a stored hash (unknown email, no password set yet) the password is checked
    against a dummy hash, so the answer takes as long as for a real account.
    """
    if password_hash is None or len(password) > MAX_LENGTH:
        hasher.verify(password[:MAX_LENGTH], _dummy_hash())
        return False, None
    return hasher.verify_and_update(password, password_hash)


def needs_rehash(password_hash: str) -> bool:
    return hasher.hashers[0].check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hasher.hash(secrets.token_urlsafe(16))


async def hash_password_async(password: str) -> str:
    return await anyio.to_thread.run_sync(hash_password, password)


async def verify_async(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    return await anyio.to_thread.run_sync(verify, password, password_hash)
