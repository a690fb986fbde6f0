"""Why a document could not be read, in words a user can act on."""

from __future__ import annotations


class UnsupportedDocument(ValueError):
    """The uploaded bytes are not a PDF or DOCX we are willing to open."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ExtractionFailed(RuntimeError):
    """Extraction ran but produced no usable text (or was stopped)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
