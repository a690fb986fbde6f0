"""Reading an uploaded file within the size limit and deciding its type from its bytes."""

from __future__ import annotations

import asyncio
import os
import re

from fastapi import UploadFile

from refleum.documents.sniff import UnsupportedDocument, check_upload
from refleum.errors import ValidationFailed

_UNSAFE_FILENAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]")


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
