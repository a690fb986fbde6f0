"""Flat lists (skills, languages, certifications, awards) from list-shaped sections.

Items are cut at the separators the source uses (commas, semicolons, pipes, bullets) but
never inside parentheses, so "Python (Django, Flask)" stays one item. A leading
"Category:" label is dropped. Plain lines of one paragraph are read as one text first,
so an item wrapped over two lines stays whole.
"""

from __future__ import annotations

import re

from refleum.parsing.dates import find_date_span
from refleum.parsing.lines import Line
from refleum.parsing.skill_levels import is_level, without_level
from refleum.parsing.vocabulary import is_issuing_body

_CATEGORY = re.compile(r"^([^:,;|]{1,40}):\s+(?=\S)")
# "Programming | Python, C++": a two-column table row, label then a comma list.
_TABLE_CATEGORY = re.compile(r"^([^:,;|]{1,30})\s\|\s+(?=[^|]*,)(?=[^|]*$)")
_TABLE_CELL = re.compile(r"\s\|\s")
_SEPARATOR_CHARS = ",;|\u2022\u00b7\u25cf\u25aa"
_OPENERS, _CLOSERS = "([{", ")]}"
_TRIM = " .\t"


def _item_spans(text: str, separators: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            spans.append((start, index))
            start = index + 1
    spans.append((start, len(text)))
    return spans


def _is_only_date(text: str) -> bool:
    span = find_date_span(text)
    return span is not None and len(span.text) >= len(text.strip(" ()"))


def split_items(
    text: str, separators: str = _SEPARATOR_CHARS, credentials: bool = False
) -> list[str]:
    """Cut ``text`` at top-level separators; each item is a stripped slice of ``text``.
    A bare date is not an item of its own: it stays with the item before it
    ("ACLS Provider, 2023"); in a list of ``credentials`` so does the name of the body
    that issued it ("Chartered Engineer, IStructE")."""
    spans: list[tuple[int, int]] = []
    for start, end in _item_spans(text, separators):
        item = text[start:end].strip(_TRIM)
        if not item:
            continue
        if spans and (_is_only_date(item) or (credentials and is_issuing_body(item))):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [text[start:end].strip(_TRIM) for start, end in spans]


def _category(text: str) -> re.Match[str] | None:
    return _CATEGORY.match(text) or _TABLE_CATEGORY.match(text)


def strip_category(text: str) -> str:
    """'Languages: Python, Go' or 'Languages | Python, Go' -> 'Python, Go'."""
    match = _category(text)
    return text[match.end() :] if match else text


_LABEL_MAX_WORDS = 4


def _has_list_mark(text: str) -> bool:
    return "," in text or ";" in text


def _label_lines(paragraph: list[str]) -> set[int]:
    """'Web Development' / 'HTML, CSS' / 'Compression' / 'MPEG, GIF': a category name on a
    line of its own above each comma list. A wrap cuts a list after a comma, so a short
    line with no list mark right above a comma list (a level between them allowed) is its
    label, not its first item.
    Empty when any line with no list mark is not such a label (one skill per line)."""
    labels: set[int] = set()
    for index, text in enumerate(paragraph):
        if _has_list_mark(text):
            continue
        # A proficiency between them ('Web' / 'Advanced' / 'HTML, CSS') labels it too.
        below = next((t for t in paragraph[index + 1 :] if not is_level(t)), "")
        if len(text.split()) > _LABEL_MAX_WORDS or not _has_list_mark(below):
            return set()
        labels.add(index)
    return labels


def list_texts(lines: list[Line]) -> list[str]:
    """Each bullet and each category line is one text. Plain lines of one paragraph are
    one text when they hold commas (a comma list wrapped over lines), else one per line
    (one skill per line in a narrow sidebar)."""
    texts: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        # A paragraph of table rows ("Python | Go" / "C, C++ | Bash") is one text per row:
        # joined, the last cell of a row would run into the first of the next.
        rows = any(_TABLE_CELL.search(text) for text in paragraph)
        labels = _label_lines(paragraph)
        if not rows and labels:
            texts.extend(text for i, text in enumerate(paragraph) if i not in labels)
        elif not rows and any("," in text or ";" in text for text in paragraph):
            texts.append(" ".join(paragraph))
        else:
            texts.extend(paragraph)
        paragraph.clear()

    for line in lines:
        if line.kind == "text" and not _category(line.text):
            paragraph.append(line.text)
            continue
        flush()
        if line.kind not in ("blank", "heading"):  # a heading inside a list is a category
            texts.append(line.text)
    flush()
    return texts


_ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9]+|[A-Za-z]+\d[A-Za-z0-9]*)$")
_CHIP = re.compile(r"^[A-Z0-9][\w.+#-]*$")


def chips(text: str) -> list[str] | None:
    """'HTML CSS Javascript': keyword chips the extractor set side by side with one space.
    Only a line of capitalised single words, most of them acronyms, is read as chips;
    'Microsoft SQL Server' or 'Project Management' stays one item."""
    words = text.split()
    acronyms = sum(bool(_ACRONYM.match(word)) for word in words)
    if len(words) >= 2 and all(_CHIP.match(word) for word in words) and 2 * acronyms > len(words):
        return words
    return None


def skill_items(lines: list[Line], credentials: bool = False) -> list[str]:
    """Every item named in the section, flat and in order, without category labels.
    For ``credentials`` (certifications, awards) a bullet is one item even with commas
    in it, and an issuing body stays with its credential."""
    items: list[str] = []
    bullets = {line.text for line in lines if line.kind == "bullet"}
    for text in list_texts(lines):
        whole = credentials and text in bullets
        pieces = [text] if whole else split_items(strip_category(text), credentials=credentials)
        if not credentials:
            # Chips may fill each cell of a row ("HTML SVG Typescript | JPEG PNG").
            pieces = [chip for piece in pieces for chip in (chips(piece) or [piece])]
        for item in pieces:
            if not credentials:
                if is_level(item):
                    continue
                item = without_level(item)  # "French Mother tongue": the skill is "French"
            if item not in items:
                items.append(item)
    return items
