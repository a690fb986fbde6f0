"""Sections that are not standard ones become custom sections of the fitting shape.

- ``itemList`` when the content has entries with a header (a date, or a header line
  followed by bullets): publications, volunteering, talks.
- ``stringList`` when it is bullets or short lines: interests, memberships.
- ``text`` when it is prose.
"""

from __future__ import annotations

from refleum.parsing.dates import find_date_span
from refleum.parsing.entries import RawEntry, is_prose, read_header
from refleum.parsing.entry_groups import group_entries
from refleum.parsing.lines import Line
from refleum.parsing.lists import split_items
from refleum.resume_data import CustomSection, CustomSectionItem


def _is_item_list(entries: list[RawEntry]) -> bool:
    for entry in entries:
        if entry.header and entry.bullets:
            return True
        if any(find_date_span(text) for text in entry.header) and len(entries) > 1:
            return True
    return False


def _item(entry: RawEntry, item_id: int) -> CustomSectionItem:
    header = read_header(entry.header)
    pieces = [piece.text for piece in header.pieces]
    return CustomSectionItem(
        id=item_id,
        title=pieces[0] if pieces else "",
        subtitle=pieces[1] if len(pieces) > 1 else "",
        years=header.years,
        description=header.prose + entry.bullets,
    )


def _strings(content: list[Line]) -> list[str]:
    """Short plain words on one line are split ("Chess, hiking"); a citation with a year
    or a quoted title stays one entry even with commas in it."""
    if len(content) == 1 and content[0].kind == "text":
        items = split_items(content[0].text)
        if all(
            len(item.split()) <= 4
            and not any(ch.isdigit() or ch in "\"'\u201c\u201d" for ch in item)
            for item in items
        ):
            return items
    return [line.text for line in content]


def _is_string_list(content: list[Line]) -> bool:
    """Bullets, one line of short comma-separated items, or several short lines."""
    if all(line.kind == "bullet" for line in content):
        return True
    if len(content) == 1:
        return not is_prose(content[0].text)
    return all(len(line.text.split()) <= 5 for line in content)


def read_custom_section(title: str, lines: list[Line]) -> CustomSection | None:
    content = [line for line in lines if line.kind != "blank"]
    if not content:
        return None
    entries = group_entries(lines)
    if _is_item_list(entries):
        items = [_item(entry, index) for index, entry in enumerate(entries, start=1)]
        return CustomSection(title=title, type="itemList", items=items)
    if _is_string_list(content):
        return CustomSection(title=title, type="stringList", strings=_strings(content))
    paragraphs, current = [], []
    for line in lines:
        if line.kind == "blank":
            if current:
                paragraphs.append(" ".join(current))
            current = []
        else:
            current.append(line.text)
    if current:
        paragraphs.append(" ".join(current))
    return CustomSection(title=title, type="text", text="\n\n".join(paragraphs))
