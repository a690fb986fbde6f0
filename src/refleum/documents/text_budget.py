"""How much text one document may yield: a resume is a few pages, never a book.

Extraction stops as soon as a document passes either figure and the parse ends FAILED
with the reason (the original file stays stored). A truncated text is not kept instead:
it would hand the parser, and any model, hundreds of KB that are not a resume.
"""

from __future__ import annotations

from refleum.documents.errors import ExtractionFailed

# The corpus's longest resume is under 10,000 characters; 300,000 is ~100 dense pages.
MAX_TEXT_CHARS = 300_000
# Lines and blank-line breaks: each one costs a walk over its XML or layout boxes, text or
# not, so a document of empty paragraphs is stopped too. A 50-page PDF has ~3,000.
MAX_LINES = 20_000


class TextBudget:
    def __init__(self, max_chars: int = MAX_TEXT_CHARS, max_lines: int = MAX_LINES) -> None:
        self.max_chars, self.max_lines = max_chars, max_lines
        self.chars = self.lines = 0

    def spend(self, text: str) -> None:
        """Counts one line of ``text``; ExtractionFailed once the document is past a cap."""
        self.chars += len(text)
        self.lines += 1
        if self.chars > self.max_chars:
            raise ExtractionFailed(
                f"The document holds more than {self.max_chars:,} characters of text, "
                "more than a resume can; upload the resume on its own"
            )
        if self.lines > self.max_lines:
            raise ExtractionFailed(
                f"The document has more than {self.max_lines:,} lines or paragraphs, "
                "more than a resume can; upload the resume on its own"
            )
