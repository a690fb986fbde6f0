"""Reading an uploaded file within the size limit and deciding its type from its bytes."""

from __future__ import annotations

import asyncio
import os
import re
from typing import Annotated, Literal

from fastapi import UploadFile
from pydantic import BeforeValidator, WithJsonSchema

from refleum.documents.sniff import UnsupportedDocument, check_upload
from refleum.errors import ValidationFailed

_UNSAFE_FILENAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]")

UPLOAD_FILE_DESCRIPTION = (
    "The resume, PDF or DOCX (decided by the file's bytes, not its name), not empty, "
    "at most 10 MB by default (REFLEUM_MAX_UPLOAD_BYTES)."
)
SET_AS_MASTER_DESCRIPTION = (
    "true or false (any letter case). Anything else is a 400. Default false; the first "
    "resume of an organization becomes its master regardless."
)


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


# A multipart field is text, so "true"/"false" are its booleans; FastAPI's plain bool would
# also take "1", "on", "yes", which a typo can hit silently.
FormBool = Annotated[
    Literal["true", "false"],
    BeforeValidator(_lower),
    WithJsonSchema({"type": "string", "pattern": "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"}),
]
# An empty file is refused (400); the size cap is in the description, not maxLength, so
# schema-driven clients and fuzzers do not build 10 MB strings.
UPLOAD_FILE_SCHEMA = {"minLength": 1}


async def read_upload(file: UploadFile, limit: int) -> tuple[bytes, str]:
    """The file's bytes and kind ("pdf" or "docx"), or a 400 saying what is wrong."""
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise ValidationFailed(f"file: larger than the {limit // (1024 * 1024)} MB upload limit")
    try:
        # In a thread: the checks are linear and scan in short C calls, but 10 MB of bytes
        # still take milliseconds, and the event loop must stay free to answer others.
        kind = await asyncio.to_thread(check_upload, data)
    except UnsupportedDocument as exc:
        raise ValidationFailed(f"file: {exc.reason}") from exc
    return data, kind


def clean_filename(raw: str | None, kind: str) -> str:
    name = _UNSAFE_FILENAME_CHARS.sub("", os.path.basename((raw or "").replace("\\", "/")))
    name = name.strip()[:300]
    return name or f"resume.{kind}"
