"""Decide what uploaded bytes are, and refuse what they already show to be unsafe.

Encrypted PDFs are refused even when they open without a password: the bytes show
the /Encrypt entry, and deciding more would mean parsing in the request.

Only cheap checks run here, in the request: magic bytes, the ZIP central directory
(read before anything is decompressed), the first bytes of each XML part. Anything
that needs real parsing happens later in the extraction sandbox.

Every check costs time linear in the upload and no single C call holds the GIL for
long (the request runs this in a thread): the bytes are scanned with ``bytes.find``
and ``bytes.count`` for a literal, and a regex only ever looks at a bounded window
around one hit, for at most MAX_CANDIDATES hits. (A regex for "12 0 obj" searching the
whole file was quadratic on a long run of digits: 40 KB froze the server for 8 s.)
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from io import BytesIO
from typing import Literal

from refleum.documents.errors import UnsupportedDocument

__all__ = ["DocumentKind", "UnsupportedDocument", "check_upload", "detect_kind"]

DocumentKind = Literal["pdf", "docx"]

MAX_ZIP_ENTRIES = 1000
# A real resume's DOCX holds well under 15 MB once expanded (images do not compress) and
# its word/document.xml well under 5 MB; text beyond that only buys parse time.
MAX_UNCOMPRESSED_BYTES = 32 * 1024 * 1024
MAX_XML_PART_BYTES = 8 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
_RATIO_CHECK_FROM_BYTES = 1024 * 1024  # small parts compress well legitimately
_DOCX_REQUIRED = ("[Content_Types].xml", "word/document.xml")
_ZIP_CENTRAL_ENTRY = b"PK\x01\x02"  # each central-directory record starts with it
# Hits of a literal examined before giving up: a real PDF matches on its first "obj"
# and has a handful of "/Encrypt"; only a hostile file gets near this.
MAX_CANDIDATES = 10_000
# "12 0 obj": object numbers have at most 10 digits, generations 5. Bounded runs and the
# lookbehind (a number starts where a digit run starts) keep each look constant-time.
_OBJECT_HEADER_BEFORE = re.compile(rb"(?<![0-9])[0-9]{1,10}\s{1,32}[0-9]{1,5}\s{1,32}\Z")
_OBJECT_HEADER_SPAN = 10 + 32 + 5 + 32
_ENCRYPT_VALUE = re.compile(rb"\s{0,32}(?:[0-9]{1,10}\s{1,32}[0-9]{1,5}\s{1,32}R|<<)")
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
    if not data or data.isspace():
        raise UnsupportedDocument("The file is empty")
    # Counted before zipfile reads the central directory: its parse is a Python loop per entry.
    if data.startswith(b"PK\x03\x04") and data.count(_ZIP_CENTRAL_ENTRY) > MAX_ZIP_ENTRIES:
        raise UnsupportedDocument("The archive has too many parts to be a resume")
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
    if not _has_object_header(data):
        raise UnsupportedDocument("The file starts like a PDF but holds no PDF content")
    if b"%%EOF" not in data[-4096:]:
        raise UnsupportedDocument("The PDF is truncated or damaged")
    if _has_encrypt_entry(data):
        raise UnsupportedDocument("The PDF is encrypted; upload a copy without a password")


def _has_object_header(data: bytes) -> bool:
    for at in _occurrences(data, b"obj"):
        after = data[at + 3 : at + 4]
        if after.isalnum() or after == b"_":  # "objects", not the keyword
            continue
        if _OBJECT_HEADER_BEFORE.search(data, max(0, at - _OBJECT_HEADER_SPAN), at):
            return True
    return False


def _has_encrypt_entry(data: bytes) -> bool:
    key = b"/Encrypt"
    return any(_ENCRYPT_VALUE.match(data, at + len(key)) for at in _occurrences(data, key))


def _occurrences(data: bytes, literal: bytes) -> Iterator[int]:
    """Offsets of ``literal`` in ``data``, refusing the file past MAX_CANDIDATES of them."""
    at = data.find(literal)
    for _ in range(MAX_CANDIDATES):
        if at < 0:
            return
        yield at
        at = data.find(literal, at + len(literal))
    if at >= 0:
        raise UnsupportedDocument("The PDF is damaged: its structure could not be checked")


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
            if entry.filename.endswith((".xml", ".rels")) and entry.file_size > MAX_XML_PART_BYTES:
                raise UnsupportedDocument(
                    f"The DOCX part {entry.filename[:100]} holds more than a resume can "
                    f"({MAX_XML_PART_BYTES // (1024 * 1024)} MB)"
                )
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
