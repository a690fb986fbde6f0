"""Entries of a section (a job, a degree, a project) and how their headers are cut.

An entry is a few header lines (title, company, dates, place in any order) followed by
its bullets (grouping lines into entries: ``entry_groups``). The header is cut into
*pieces* at the separators the source itself uses, so every piece is a slice of a
source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refleum.parsing.contact import URL_PATTERN
from refleum.parsing.dates import find_date_span, remove_span
from refleum.parsing.entry_lexicon import looks_like_degree, looks_like_title

FRAGMENT_SEPARATORS = re.compile(r"\s+[|\u00b7\u2022\u25cf]\s+|\s{3,}|\t+")
# An em dash between two words with no space ("Acme—Engineer—Berlin") separates as well
# as a spaced one: no name or title is written with one. Dates are cut out before this.
INNER_SEPARATORS = re.compile(
    r"\s+(?:[\u2013\u2014/-]|at|@|chez|bei|presso|bij)\s+"
    r"|(?<=[^\W\d_])\u2014(?=[^\W\d_])"
)
# 'at' as the languages that write a job 'Title at Employer' spell it.
_AT = ("at", "@", "chez", "bei", "presso", "bij")
_PROSE_MIN_WORDS = 14


@dataclass
class RawEntry:
    header: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    run_in: bool = False  # one paragraph 'Title Employer, Place. Dates Description'


@dataclass
class Piece:
    text: str
    line: int
    split_by: str = ""  # the separator inside the fragment this piece came from


@dataclass
class EntryHeader:
    years: str = ""
    pieces: list[Piece] = field(default_factory=list)
    prose: list[str] = field(default_factory=list)


def is_prose(text: str) -> bool:
    """A sentence of description rather than a header line."""
    return len(text.split()) >= _PROSE_MIN_WORDS or (text.endswith(".") and len(text.split()) >= 6)


def is_link(text: str) -> bool:
    """A line that is a web address and nothing else."""
    return URL_PATTERN.fullmatch(text.strip()) is not None


def is_date_only(text: str) -> bool:
    span = find_date_span(text)
    return span is not None and not remove_span(text, span)


_DESCRIPTION_MIN_WORDS = 8


def is_description(text: str) -> bool:
    """A line of running text: prose, a long line written mostly in lower case (a wrapped
    paragraph), or a line that starts in lower case (the rest of the line above it)."""
    if find_date_span(text) or FRAGMENT_SEPARATORS.search(text):
        return False  # a date or a cell separator marks a header line, however long
    words = text.split()
    if is_prose(text):
        return True
    if len(words) >= _DESCRIPTION_MIN_WORDS:
        lower = sum(word[0].islower() for word in words if word[0].isalpha())
        if lower * 2 >= len(words):
            return True
    first = words[0] if words else ""
    return len(words) >= 3 and first.isalpha() and first.islower()


def _splits_at(fragment: str, match: re.Match) -> bool:
    """'Engineer at Acme' is a title and an employer, 'University of Texas at Austin' one
    name: 'at' / '@' (chez, bei, presso, bij) separates only after a job title or a degree."""
    if match.group(0).strip() not in _AT:
        return True
    before = fragment[: match.start()].rsplit(",", 1)[-1]
    return looks_like_title(before) or looks_like_degree(before)


def _split_fragment(fragment: str, line: int) -> list[Piece]:
    separators = [m for m in INNER_SEPARATORS.finditer(fragment) if _splits_at(fragment, m)]
    if not separators:
        return [Piece(fragment, line)]
    pieces, start = [], 0
    for match in separators:
        pieces.append(Piece(fragment[start : match.start()].strip(), line, match.group(0).strip()))
        start = match.end()
    pieces.append(Piece(fragment[start:].strip(), line, separators[-1].group(0).strip()))
    return [piece for piece in pieces if piece.text]


# 'Acme (http://acme.example)': the employer's or school's site after its name, a link
# and not part of the name; it parts the pieces around it like a cell separator.
_PARENTHESISED_LINK = re.compile(r"\s*\(\s*(?:https?://|www\.)[^\s()]+\s*\)\s*")


def _cells(text: str) -> list[str]:
    return [
        part
        for fragment in FRAGMENT_SEPARATORS.split(text)
        for part in _PARENTHESISED_LINK.split(fragment)
    ]


def read_header(header: list[str]) -> EntryHeader:
    """Years (as written), the header's pieces in order, and any prose lines."""
    result = EntryHeader()
    for index, text in enumerate(header):
        if result.pieces and is_prose(text):
            result.prose.append(text)
            continue
        if result.years and is_date_only(text):
            continue  # the end of a range stacked under its start ('2016' / '2019')
        if not result.years:
            span = find_date_span(text)
            if span is not None:
                result.years = span.text
                text = remove_span(text, span)
        for fragment in _cells(text):
            # A dash left at either end belonged to a separator cut by a cell or a wrap.
            fragment = fragment.strip(" ,;|\u2013\u2014")
            if fragment:
                result.pieces.extend(_split_fragment(fragment, index))
    return result


def split_comma_piece(piece: Piece) -> list[Piece]:
    """'Senior Engineer, Acme' -> two pieces; used only when a header has one piece. A part
    that starts in lower case ('…for the Queen, and then for the King') goes on the clause
    before it: no name, title or place starts that way."""
    parts: list[str] = []
    for part in (part.strip() for part in piece.text.split(", ")):
        if parts and part[:1].islower():
            parts[-1] = f"{parts[-1]}, {part}"
        elif part:
            parts.append(part)
    return [Piece(part, piece.line, ",") for part in parts]
