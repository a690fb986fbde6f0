"""Section titles printed in a left margin, on the first line of their section's content.

Some templates set each section's title in a narrow left column, level with the first
line of the section ('Education   University of Oklahoma'). Extraction joins the two into
one line, so no heading is seen and every section runs into the one above. A line that
opens a block with a known section title followed by content is such a line — but only
where the document does it for several sections of different kinds: one line that
happens to start with 'Education' or 'Work' is content.
"""

from __future__ import annotations

from refleum.parsing.lines import Line
from refleum.parsing.sections import section_kind

_MAX_TITLE_WORDS = 3
_MIN_LABELLED_SECTIONS = 3


def _margin_title(text: str) -> str:
    """The longest run of leading words that is a known section title, when words follow
    it and the content starts like a name or a date (a capital or a digit); else ''."""
    words = text.split()
    for count in range(min(_MAX_TITLE_WORDS, len(words) - 1), 0, -1):
        rest = words[count]
        if section_kind(" ".join(words[:count])) and (rest[0].isupper() or rest[0].isdigit()):
            return " ".join(words[:count])
    return ""


def _opens_block(lines: list[Line], index: int) -> bool:
    return index == 0 or lines[index - 1].kind in ("blank", "heading", "title")


def split_margin_labels(lines: list[Line]) -> list[Line]:
    """Each margin-titled line as a heading and the content after it, when the document
    titles at least three sections of two or more kinds that way."""
    found: dict[int, str] = {}
    for index, line in enumerate(lines):
        if line.kind == "text" and _opens_block(lines, index):
            if title := _margin_title(line.text):
                found[index] = title
    kinds = {section_kind(title) for title in found.values()}
    if len(found) < _MIN_LABELLED_SECTIONS or len(kinds) < 2:
        return lines
    split: list[Line] = []
    for index, line in enumerate(lines):
        title = found.get(index)
        if title is None:
            split.append(line)
            continue
        split.append(Line("heading", title))
        split.append(Line("text", line.text[len(title) :].strip()))
    return split
