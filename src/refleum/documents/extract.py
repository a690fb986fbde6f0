"""Extraction entry points: bytes of a PDF or DOCX -> the extracted-text markdown.

``extract_markdown`` does the work in the calling process (tests, benchmarks, the
sandbox child); ``extract_in_sandbox`` is what the service calls with untrusted bytes.
"""

from __future__ import annotations

import asyncio
from typing import Literal

from refleum.documents.docx_text import extract_docx
from refleum.documents.errors import ExtractionFailed
from refleum.documents.pdf_text import MAX_PAGES, NO_TEXT, extract_pdf
from refleum.documents.result import ExtractedText

__all__ = ["ExtractedText", "ExtractionFailed", "extract_in_sandbox", "extract_markdown"]


def extract_markdown(
    data: bytes, kind: Literal["pdf", "docx"], *, max_pages: int = MAX_PAGES
) -> ExtractedText:
    """The document's text in the extracted-text markdown contract.

    PDFs longer than ``max_pages`` are read up to that page, with a warning saying so.
    Raises ExtractionFailed (encrypted, damaged, image-only, no text).
    """
    if kind == "pdf":
        result = extract_pdf(data, max_pages=max_pages)
        if not result.markdown.strip():
            raise ExtractionFailed(NO_TEXT)
        return result
    if kind == "docx":
        return extract_docx(data)
    raise ExtractionFailed(f"Unsupported document kind: {kind}")


async def extract_in_sandbox(
    data: bytes,
    kind: Literal["pdf", "docx"],
    *,
    timeout_s: float = 60,
    max_memory_mb: int = 1024,
) -> ExtractedText:
    """``extract_markdown`` in a killable child process, off the event loop."""
    from refleum.documents.sandbox import run_isolated

    return await asyncio.to_thread(
        run_isolated, extract_markdown, data, kind, timeout_s=timeout_s, max_memory_mb=max_memory_mb
    )
