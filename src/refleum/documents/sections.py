"""Whether a line is titled like a section; it tells us what a heading looks like."""

from __future__ import annotations

from refleum.documents.headings import heading_kind


def is_section_word(text: str) -> bool:
    """A known section title in a supported language ("Experience", "Berufserfahrung:")."""
    return heading_kind(text) is not None
