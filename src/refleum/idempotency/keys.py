"""What an Idempotency-Key may be, and what makes two requests "the same request"."""

from __future__ import annotations

import hashlib
import json
import re

from starlette.datastructures import UploadFile
from starlette.requests import Request

from refleum.errors import ValidationFailed

HEADER = "Idempotency-Key"
MAX_LENGTH = 255
# Printable ASCII, not only spaces. Spaces around a header value are not part of it: the
# HTTP server drops them before the key is read.
PATTERN = r"^[ -~]*[!-~][ -~]*$"
_KEY = re.compile(PATTERN)
_CHUNK = 1024 * 1024


def check_key(key: str) -> str:
    if len(key) > MAX_LENGTH or not _KEY.match(key):
        raise ValidationFailed(
            f"{HEADER} must be 1–{MAX_LENGTH} printable ASCII characters (e.g. a UUID)"
        )
    return key


async def fingerprint(request: Request) -> str:
    """sha256 over method, path, query and body.

    A JSON body is hashed as its parsed value (keys sorted, no spaces), so the same
    parameters re-serialized by a retrying client are the same request. A multipart body
    is hashed by its parts (field name, value; file name and the file's bytes), never its
    raw bytes: clients pick a new boundary on every send, so the raw bytes of one upload
    sent twice differ. Part order counts; part headers do not.
    """
    digest = hashlib.sha256()

    def add(piece: bytes) -> None:
        # Length-prefixed, so no two different sequences of pieces hash alike.
        digest.update(len(piece).to_bytes(8, "big") + piece)

    add(request.method.encode())
    add(request.url.path.encode())
    add(request.url.query.encode())
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        form = await request.form()  # parsed already for the endpoint; this is its cache
        for name, value in form.multi_items():
            add(name.encode())
            if isinstance(value, UploadFile):
                add((value.filename or "").encode())
                add(await _file_hash(value))
            else:
                add(value.encode())
    else:
        add(_canonical(await request.body()))
    return digest.hexdigest()


def _canonical(body: bytes) -> bytes:
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):  # not JSON (or empty): the bytes themselves
        return body
    return b"json:" + json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


async def _file_hash(file: UploadFile) -> bytes:
    digest = hashlib.sha256()
    await file.seek(0)
    while chunk := await file.read(_CHUNK):
        digest.update(chunk)
    await file.seek(0)  # the endpoint reads it next
    return digest.digest()
