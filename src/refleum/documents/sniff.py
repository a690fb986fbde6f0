"""Decide what uploaded bytes are, and refuse what they already show to be unsafe.

Encrypted PDFs are refused even when they open without a password: the bytes show
the /Encrypt entry, and deciding more would mean parsing in the request.

Only cheap checks run here, in the request: magic bytes, the ZIP central directory
(read before anything is decompressed), the first bytes of each XML part. Anything
that needs real parsing happens later in the extraction sandbox.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Literal

from refleum.documents.errors import UnsupportedDocument

__all__ = ["DocumentKind", "UnsupportedDocument", "check_upload", "detect_kind"]

DocumentKind = Literal["pdf", "docx"]

MAX_ZIP_ENTRIES = 1000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
_RATIO_CHECK_FROM_BYTES = 1024 * 1024  # small parts compress well legitimately
_DOCX_REQUIRED = ("[Content_Types].xml", "word/document.xml")
_PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
_PDF_ENCRYPT = re.compile(rb"/Encrypt\s*(\d+\s+\d+\s+R|<<)")
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def detect_kind(head: bytes) -> DocumentKind | None:
    """ "pdf", "docx" or None from the first bytes (or the whole file) alone."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        names = _zip_names(head)
        if names is None:  # only a prefix was given: look at the local headers in it
            return "docx" if b"[Content_Types].xml" in head and b"word/" in head else None
        return "docx" if all(n in names for n in _DOCX_REQUIRED) else None
    return None


def check_upload(data: bytes) -> DocumentKind:
    """The document kind, or UnsupportedDocument saying why the bytes are refused."""
    if not data.strip():
        raise UnsupportedDocument("The file is empty")
    kind = detect_kind(data)
    if kind == "pdf":
        _check_pdf(data)
    elif kind == "docx":
        _check_docx(data)
    elif data.startswith(b"PK\x03\x04"):
        raise UnsupportedDocument("The file is a ZIP archive, not a Word (DOCX) document")
    else:
        raise UnsupportedDocument("Only PDF and DOCX files are accepted")
    return kind


def _zip_names(data: bytes) -> set[str] | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def _check_pdf(data: bytes) -> None:
    if not _PDF_OBJECT.search(data):
        raise UnsupportedDocument("The file starts like a PDF but holds no PDF content")
    if b"%%EOF" not in data[-4096:]:
        raise UnsupportedDocument("The PDF is truncated or damaged")
    if _PDF_ENCRYPT.search(data):
        raise UnsupportedDocument("The PDF is encrypted; upload a copy without a password")


def _check_docx(data: bytes) -> None:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise UnsupportedDocument("The DOCX has too many parts to be a resume")
        if sum(e.file_size for e in entries) > MAX_UNCOMPRESSED_BYTES:
            raise UnsupportedDocument("The DOCX expands to more data than a resume can hold")
        for entry in entries:
            ratio = entry.file_size / max(entry.compress_size, 1)
            if entry.file_size > _RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
                raise UnsupportedDocument("The DOCX is compressed suspiciously well (a zip bomb)")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")) and _declares_dtd(archive, entry):
                raise UnsupportedDocument(
                    "The DOCX declares a DTD or entities, which is not allowed"
                )


def _declares_dtd(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    # A DTD can only come before the root element, so the head of the part suffices.
    try:
        with archive.open(entry) as part:
            return bool(_DTD.search(part.read(4096)))
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise UnsupportedDocument("The DOCX is damaged and could not be read") from exc
