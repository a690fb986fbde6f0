"""DOCX heading levels: which paragraphs are outline headings, and which of them are sections.

Word and LibreOffice give a heading its outline level (``w:outlineLvl``, 0-8; 9 is body
text) on the paragraph or on its style, inherited through ``w:basedOn``; older files
carry only the style name "Heading N". Documents converted from HTML use every level:
a theme sets the section title in ``h3``, the employer in ``h4``, the dates in ``h5``
and an email in ``h6``. Only the level the section titles sit at is a section level;
deeper headings are the lines of an entry or labels inside a section, written as
sub-headings: they never open a section ("Courses" under a degree), and the parser
cuts entries at their dates the way it does for any other document.
"""

from __future__ import annotations

import re
from collections import Counter

from docx.oxml.ns import qn
from docx.styles.style import BaseStyle

from refleum.documents.markdown import Line
from refleum.documents.sections import is_section_word

_BODY_LEVEL = 9  # w:outlineLvl 9 is "body text": the paragraph is not in the outline
_HEADING_NAME = re.compile(r"^heading\s*([1-9])\b", re.IGNORECASE)
_MAX_BASED_ON = 10  # a style chain longer than this is a loop in a damaged file


def _outline_value(element) -> int | None:
    """The ``w:outlineLvl`` of a paragraph or style element, when it sets one."""
    if element is None:
        return None
    found = element.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
    if found is None:
        return None
    try:
        return int(found.get(qn("w:val")))
    except (TypeError, ValueError):
        return None


def style_level(style: BaseStyle | None) -> int:
    """Outline level 1-9 of a paragraph style (1 = "Heading 1"), 0 for body text.

    The nearest ``w:outlineLvl`` up the ``basedOn`` chain decides; a style named
    "Heading N" without one (files written by older tools) is level N.
    """
    name_level = 0
    for _ in range(_MAX_BASED_ON):
        if style is None:
            break
        value = _outline_value(style.element)
        if value is not None:
            return 0 if value >= _BODY_LEVEL else value + 1
        match = _HEADING_NAME.match(style.name or "")
        if match and not name_level:
            name_level = int(match.group(1))
        style = style.base_style
    return name_level


def paragraph_level(p_element, style_level_: int) -> int:
    """A paragraph's own ``w:outlineLvl`` wins over its style's level."""
    value = _outline_value(p_element)
    if value is None:
        return style_level_
    return 0 if value >= _BODY_LEVEL else value + 1


def section_level(lines: list[Line]) -> int:
    """The outline level most known section titles ("Experience", "Skills") sit at;
    the shallower one on a tie, 0 when no section title is an outline heading."""
    counts = Counter(line.level for line in lines if line.level and is_section_word(line.text))
    if not counts:
        return 0
    most = max(counts.values())
    return min(level for level, count in counts.items() if count == most)


def _first_words(lines: list[Line]) -> Line | None:
    """The document's first line with letters: the name, whatever its style."""
    return next((line for line in lines if any(c.isalpha() for c in line.text)), None)


def demote_entry_headings(lines: list[Line]) -> list[Line]:
    """Headings deeper than the section level are entry lines (employer, dates, role) or
    labels ("Highlights"): sub-headings, so a section is not cut at every one of them.

    Headings shallower than the section level, past the name, are body text in a heading
    style: an HTML page converted by LibreOffice can leave every paragraph of a block in
    "Heading 1" (summary, contact lines, role, dates, list items) under "Heading 3"
    section titles. They are read as the text or list items they are."""
    level = section_level(lines)
    if not level:
        return lines
    name = _first_words(lines)
    for line in lines:
        if line.kind == "heading" and 0 < line.level < level and line is not name:
            line.kind, line.level = ("bullet" if line.listed else "text"), 0
        elif line.kind == "heading" and line.level > level:
            line.kind = "subheading"
        elif line.kind == "text" and is_section_word(line.text):
            # "Highlights" over a job's bullets in body type, where the sections are set
            # as outline headings: a label inside the entry, not a section of its own.
            line.kind = "subheading"
    return lines
