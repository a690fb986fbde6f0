"""Extraction entry points: bytes of a PDF or DOCX -> the extracted-text markdown.

``extract_markdown`` does the work in the calling process (tests, benchmarks, the
sandbox child); ``extract_in_sandbox`` is what the service calls with untrusted bytes.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import partial
from typing import Literal

from refleum.documents.docx_text import extract_docx
from refleum.documents.errors import ExtractionFailed
from refleum.documents.pdf_text import MAX_PAGES, NO_TEXT, extract_pdf
from refleum.documents.result import ExtractedText
from refleum.documents.text_budget import MAX_TEXT_CHARS, TextBudget

__all__ = [
    "ExtractedText",
    "ExtractionFailed",
    "ExtractionLimits",
    "extract_in_sandbox",
    "extract_markdown",
    "start_sandbox",
]

# The corpus extracts in under 0.6 s a document (1.2 s through a cold sandbox); a dense
# 50-page PDF (2,500 lines) took 13 s on a busy 2-core machine. A resume is a few pages:
# a document that needs longer is not one, and must not hold a parse slot for a minute.
EXTRACT_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class ExtractionLimits:
    """What one document may cost: REFLEUM_EXTRACT_TIMEOUT_S, REFLEUM_MAX_EXTRACTED_CHARS."""

    timeout_s: float = EXTRACT_TIMEOUT_S
    max_chars: int = MAX_TEXT_CHARS


def extract_markdown(
    data: bytes,
    kind: Literal["pdf", "docx"],
    *,
    max_pages: int = MAX_PAGES,
    max_chars: int = MAX_TEXT_CHARS,
) -> ExtractedText:
    """The document's text in the extracted-text markdown contract.

    PDFs longer than ``max_pages`` are read up to that page, with a warning saying so.
    Raises ExtractionFailed (encrypted, damaged, image-only, no text, more text than
    ``max_chars``: see text_budget.py).
    """
    budget = TextBudget(max_chars)
    if kind == "pdf":
        result = extract_pdf(data, max_pages=max_pages, budget=budget)
        if not result.markdown.strip():
            raise ExtractionFailed(NO_TEXT)
        return result
    if kind == "docx":
        return extract_docx(data, budget)
    raise ExtractionFailed(f"Unsupported document kind: {kind}")


async def start_sandbox() -> None:
    """Have the sandbox ready before the first document arrives (a job runner's start)."""
    from refleum.documents.sandbox import start_server

    await asyncio.to_thread(start_server)


async def extract_in_sandbox(
    data: bytes,
    kind: Literal["pdf", "docx"],
    *,
    timeout_s: float = EXTRACT_TIMEOUT_S,
    max_chars: int = MAX_TEXT_CHARS,
    max_memory_mb: int = 1024,
) -> ExtractedText:
    """``extract_markdown`` in a killable child process, off the event loop."""
    from refleum.documents.sandbox import run_isolated

    return await asyncio.to_thread(
        run_isolated,
        partial(extract_markdown, max_chars=max_chars),
        data,
        kind,
        timeout_s=timeout_s,
        max_memory_mb=max_memory_mb,
    )
