"""Section headings: which standard section a heading names, under the words people use.

A heading the extractor marked (``##``) starts a section even when its title is unknown
(it becomes a custom section). A plain line starts one only when it is a known title,
because a bare line like "Acme Corp" is far more often content than a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from refleum.documents.headings import heading_kind
from refleum.parsing.contact import is_contact_text, looks_like_name
from refleum.parsing.dates import find_date_span
from refleum.parsing.education_lexicon import looks_like_degree, looks_like_school
from refleum.parsing.lines import Line
from refleum.parsing.skill_groups import skill_groups
from refleum.parsing.skill_levels import is_level

SectionKind = Literal[
    "header",
    "contact",
    "summary",
    "experience",
    "education",
    "skills",
    "projects",
    "certifications",
    "awards",
    "languages",
    "custom",
]

_ENTRY_SECTIONS = {"experience", "education", "projects"}
# "Title — Company", "Company / Title", "Title at Company": how entries, not sections, read.
_ENTRY_SEPARATOR = re.compile(r"\s(?:[\u2013\u2014/]|at|@)\s")


def section_kind(title: str) -> SectionKind | None:
    """The standard section a title names (in any supported language, misspelt by a
    letter, carrying dates or a colon), or None when it is not a title we know."""
    return heading_kind(title)  # type: ignore[return-value]  # the lexicon's kinds


@dataclass
class Section:
    kind: SectionKind
    title: str
    lines: list[Line] = field(default_factory=list)


def _next_content(lines: list[Line], start: int) -> Line | None:
    for line in lines[start:]:
        if line.kind != "blank":
            return line
    return None


def _heading_is_entry(lines: list[Line], index: int, current: SectionKind) -> bool:
    """An unknown ``##`` inside an entry section that carries a date or reads like an
    entry ('Engineer — Acme', a school or degree under Education), or whose next lines
    (before any other heading) carry a date, is an entry line the extractor promoted
    for being bold ('## Acme Corp' / 'Senior Engineer' / '2019 – 2021'), not a new
    section."""
    if current not in _ENTRY_SECTIONS:
        return False
    text = lines[index].text
    if find_date_span(text) or " | " in text or _ENTRY_SEPARATOR.search(text):
        return True
    if current == "education" and (looks_like_school(text) or looks_like_degree(text)):
        return True  # '## University of Oklahoma' set in bold under Education
    following = _lines_below(lines, index)
    return any(find_date_span(line.text) for line in following)


_CAPS_HEADING = re.compile(r"^[A-Z][A-Z &/'-]{3,40}$")
_JOINING_MARKS = ("&", ",", "+", "/")


def _caps_heading(lines: list[Line], index: int, section: Section) -> bool:
    """A short ALL CAPS plain line is a heading extraction did not mark ("PRO BONO"),
    except as the first line of a section, where it is content ("CSWP" under
    Certifications), in the header (a name or headline in capitals), and inside an
    entry section when it reads as an entry's first line (an employer in capitals
    followed by dates or bullets)."""
    line = lines[index]
    if line.kind != "text" or section.kind == "header" or len(line.text.split()) > 4:
        return False
    if _CAPS_HEADING.match(line.text) is None:
        return False
    if lines[index - 1].text.rstrip().endswith(_JOINING_MARKS):
        return False  # 'Private schools NORTH &' / 'SOUTH ACADEMY': the rest of a name
    if section.kind in _LIST_SECTIONS and len(line.text.split()) == 1:
        return False  # an acronym in a skills list ("HTML", "SQL")
    if not any(other.kind != "blank" for other in section.lines):
        return False
    if section.kind in _ENTRY_SECTIONS:
        following = _next_content(lines, index + 1)
        starts_entry = following is not None and (
            following.kind == "bullet" or find_date_span(following.text) is not None
        )
        return lines[index - 1].kind == "blank" and not starts_entry
    return True


def _is_surname(sections: list[Section], line: Line) -> bool:
    """ "## DOE" right under "# JANE": a name set large on two lines, not a section."""
    if len(sections) != 1:
        return False
    content = [other for other in sections[0].lines if other.kind != "blank"]
    return (
        len(content) == 1
        and content[0].kind == "title"
        and len(content[0].text.split()) <= 2
        and len(line.text.split()) <= 2
        and looks_like_name(line.text)
        and looks_like_name(content[0].text)
    )


_HEADER_LOOKAHEAD = 12
_MAX_HEADER_LINES = 3


def _continues_header(lines: list[Line], index: int, sections: list[Section]) -> bool:
    """A short unknown ``##`` at the very top (the name under a tagline, a tagline under
    the name) whose block holds contact details belongs to the header: a section there
    would swallow the email and phone."""
    if len(sections) != 1:
        return False
    # Bullets above the name are a web page's navigation, not header content.
    content = [line for line in sections[0].lines if line.kind not in ("blank", "bullet")]
    if len(content) > _MAX_HEADER_LINES or any(is_contact_text(line.text) for line in content):
        return False
    if len(lines[index].text.split()) > 6 or find_date_span(lines[index].text):
        return False
    following = []
    for line in lines[index + 1 :]:
        if line.kind == "heading" and section_kind(line.text.rstrip(":").strip()):
            break
        if line.kind != "blank":
            following.append(line)
        if len(following) == _HEADER_LOOKAHEAD:
            break
    return any(is_contact_text(line.text) for line in following)


_LIST_SECTIONS = {"skills", "languages"}
_MAX_ITEM_WORDS = 4


def _is_list_category(lines: list[Line], index: int, current: SectionKind) -> bool:
    """An unknown ``##`` inside a skills list followed by short undated items ('## Web' /
    '- HTML' / '- CSS') is a category label of the list, not a new section."""
    if current not in _LIST_SECTIONS:
        return False
    following = _lines_below(lines, index)
    return bool(following) and all(
        len(line.text.split()) <= _MAX_ITEM_WORDS and not find_date_span(line.text)
        for line in following
    )


def _ends_wrapped_heading(lines: list[Line], index: int) -> bool:
    """'## Expériences' / '## professionnelles': a title a narrow margin wrapped onto two
    heading lines. The second, no title on its own, is the end of the first."""
    line = lines[index]
    above = next((other for other in reversed(lines[:index]) if other.kind != "blank"), None)
    return (
        above is not None
        and line.kind == above.kind == "heading"
        and section_kind(line.text) is None
        and section_kind(above.text) is not None
        and section_kind(f"{above.text} {line.text}") == section_kind(above.text)
    )


def _labels_items(lines: list[Line], index: int) -> bool:
    """A sub-heading in a list labels the items below it when they are not sub-headings
    themselves (a theme that sets every skill in heading type lists them all as such)."""
    following = _next_content(lines, index + 1)
    return following is not None and following.kind in ("bullet", "text") and not following.sub


def _is_leveled_group(lines: list[Line], index: int) -> bool:
    """An unknown heading whose block is a proficiency level on its own line ("Master",
    "Advanced") and then short undated items names a group of skills."""
    following = _lines_below(lines, index, count=4)
    return (
        len(following) >= 2
        and is_level(following[0].text)
        and all(
            len(line.text.split()) <= _MAX_ITEM_WORDS and not find_date_span(line.text)
            for line in following[1:]
        )
    )


def split_sections(lines: list[Line]) -> list[Section]:
    """Cut the document at its headings; what precedes the first one is the header."""
    sections = [Section("header", "")]
    typeset = _headings_typeset(lines)
    groups = skill_groups(lines)
    for index, line in enumerate(lines):
        if _ends_wrapped_heading(lines, index):
            continue
        text = line.text.rstrip(":").strip()
        if index in groups:
            if groups[index] == "name" and sections[-1].kind != "skills":
                sections.append(Section("skills", text))  # the group's name: a category
            else:
                # A later group's name is a category label of the list, never an item.
                kind = "heading" if groups[index] == "name" else "text"
                sections[-1].lines.append(Line(kind, line.text))
            continue
        if line.sub:
            # The document marked it a heading inside the section: a list's category
            # label stays a label, elsewhere it is a line of the entry it sits in.
            label = sections[-1].kind in _LIST_SECTIONS and _labels_items(lines, index)
            if not label and section_kind(text) is not None:
                # "Courses" / "Highlights" over an entry's bullets names what follows; as a
                # line of the entry it would be read as its degree or title.
                continue
            sections[-1].lines.append(Line("heading" if label else "text", line.text))
            continue
        if (
            line.kind == "heading"
            and section_kind(text) is None
            and _is_leveled_group(lines, index)
        ):
            # "## Web Development" / "Master" / "HTML" with no Skills heading above it: a
            # skill group with its proficiency, opening the skills list it belongs to.
            if sections[-1].kind != "skills":
                sections.append(Section("skills", text))
            sections[-1].lines.append(line)
            continue
        kind = section_kind(text) if line.kind in ("heading", "text", "title") else None
        if kind is not None and line.kind == "text" and typeset and _inside_entry(sections[-1]):
            kind = None  # 'Highlights' over an entry's list: a label, the heading look says
        if line.kind == "heading" and kind is None and is_contact_text(text):
            # An email or phone number set in heading type is a detail, never a section.
            sections[-1].lines.append(Line("text", line.text))
            continue
        if (
            line.kind == "heading"
            and kind is None
            and _is_list_category(lines, index, sections[-1].kind)
        ):
            sections[-1].lines.append(line)  # kept a heading: a label, never an item
            continue
        if (
            line.kind == "heading"
            and kind is None
            and not _heading_is_entry(lines, index, sections[-1].kind)
            and not _is_surname(sections, line)
            and not _continues_header(lines, index, sections)
        ):
            kind = "custom"
        if kind is None and _caps_heading(lines, index, sections[-1]):
            kind = "custom"
        if kind is None and line.kind == "title" and sections[-1].lines:
            # The name as a title line mid-document (under a sidebar) opens a new header.
            sections.append(Section("header", "", [line]))
        elif kind is not None:
            sections.append(Section(kind, text))
        else:
            sections[-1].lines.append(Line("text", line.text) if line.kind == "heading" else line)
    return sections


_TYPESET_MIN_HEADINGS = 3


def _headings_typeset(lines: list[Line]) -> bool:
    """Whether the extractor marked the section titles (``##``) from their typography:
    then a known title left as a plain line was set like body text, not like a heading."""
    marked = sum(1 for line in lines if line.kind == "heading" and section_kind(line.text))
    return marked >= _TYPESET_MIN_HEADINGS


def _inside_entry(section: Section) -> bool:
    """An entry section with an entry already under way."""
    return section.kind in _ENTRY_SECTIONS and any(line.kind != "blank" for line in section.lines)


def _lines_below(lines: list[Line], index: int, count: int = 3) -> list[Line]:
    """Up to ``count`` non-blank lines after ``index``, before the next heading or title."""
    following: list[Line] = []
    for line in lines[index + 1 :]:
        if line.kind in ("heading", "title") or len(following) == count:
            break
        if line.kind != "blank":
            following.append(line)
    return following
