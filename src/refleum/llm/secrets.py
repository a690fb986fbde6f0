"""Encryption at rest for provider API keys (Fernet, with key rotation).

The key comes from ``REFLEUM_SECRET_KEY`` (comma-separated Fernet keys, the first one
encrypts, all of them decrypt) or, when that is unset, from ``secret.key`` in the data
directory, generated on first use. Losing that file makes stored API keys unreadable,
so it is created once and never overwritten.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from refleum.private_files import ensure_private_dir

SECRET_FILE_NAME = "secret.key"


class SecretKeyError(ValueError):
    """The configured secret key is malformed, or a token cannot be decrypted with it."""


class SecretBox:
    def __init__(self, keys: list[str]) -> None:
        if not keys:
            raise SecretKeyError("at least one secret key is required")
        try:
            fernets = [Fernet(key.strip().encode()) for key in keys]
        except (ValueError, TypeError) as exc:
            raise SecretKeyError(
                "secret key must be a url-safe base64 Fernet key of 32 bytes"
            ) from exc
        self._keys = [key.strip() for key in keys]
        self._multi = MultiFernet(fernets)

    @classmethod
    def from_keys(cls, keys: list[str]) -> SecretBox:
        return cls(keys)

    @classmethod
    def load(cls, secret_key_env: str | None, data_dir: Path) -> SecretBox:
        """Keys from the environment value when set, else from (or into) ``data_dir``."""
        if secret_key_env and secret_key_env.strip():
            return cls([key for key in secret_key_env.split(",") if key.strip()])
        return cls([_read_or_create_key_file(Path(data_dir) / SECRET_FILE_NAME)])

    @property
    def primary_key(self) -> str:
        return self._keys[0]

    def encrypt(self, plain: str) -> str:
        return self._multi.encrypt(plain.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._multi.decrypt(token.encode()).decode()
        except (InvalidToken, ValueError, TypeError) as exc:
            raise SecretKeyError(
                "stored secret cannot be decrypted with the configured REFLEUM_SECRET_KEY "
                "(was the key changed without keeping the old one?)"
            ) from exc

    def rotate(self, token: str) -> str:
        """Re-encrypts ``token`` under the primary key (it may be under any known key)."""
        try:
            return self._multi.rotate(token.encode()).decode()
        except (InvalidToken, ValueError, TypeError) as exc:
            raise SecretKeyError(
                "stored secret cannot be rotated: no configured key opens it"
            ) from exc

    def with_new_primary(self, new_key: str) -> SecretBox:
        """A box that encrypts with ``new_key`` and still decrypts with every current key."""
        return SecretBox([new_key, *self._keys])


def mask(secret: str) -> str:
    """``sk-proj-abcdef1234`` -> ``sk-…1234``: enough to recognise a key, not to use it."""
    if len(secret) < 12:
        return "…" if secret else ""
    prefix = secret[:3] if secret[:3].endswith(("-", "_")) else ""
    return f"{prefix}…{secret[-4:]}"


def _read_or_create_key_file(path: Path) -> str:
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    ensure_private_dir(path.parent)
    key = Fernet.generate_key()
    # Written to a private temp file then hard-linked into place: link() fails if the
    # name exists, so two processes starting at once never overwrite each other's key.
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(key + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
    finally:
        tmp.unlink(missing_ok=True)
    return _read_key(path)


def _read_key(path: Path) -> str:
    key = path.read_text().strip()
    if not key:
        raise SecretKeyError(f"{path} is empty; restore it or set REFLEUM_SECRET_KEY")
    return key
