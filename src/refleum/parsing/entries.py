"""Entries of a section (a job, a degree, a project): grouping lines and cutting headers.

An entry is a few header lines (title, company, dates, place in any order) followed by
its bullets. The header is cut into *pieces* at the separators the source itself uses,
so every piece is a slice of a source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from refleum.parsing.dates import find_date_span, remove_span
from refleum.parsing.lines import Line

_FRAGMENT_SEPARATORS = re.compile(r"\s+[|\u00b7\u2022\u25cf]\s+|\s{3,}|\t+")
INNER_SEPARATORS = re.compile(r"\s+(?:[\u2013\u2014/-]|at|@)\s+")
_PROSE_MIN_WORDS = 14


@dataclass
class RawEntry:
    header: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)


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


_OPEN_RANGE_END = re.compile(r"(?:19|20)\d{2}\s*[-\u2013\u2014]$")
_RANGE_END_START = re.compile(r"^(?:(?:19|20)\d{2}|present|current|now)\b", re.IGNORECASE)


def _is_meta_line(text: str) -> bool:
    """A line that is only a date, or a place and a date ("Stockholm, Jan 2020 – Present"):
    it belongs to the header line above it, not to a header of its own."""
    span = find_date_span(text)
    if span is None:
        return False
    rest = remove_span(text, span)
    return not rest or (
        len(rest.split()) <= 4 and INNER_SEPARATORS.search(rest) is None and " | " not in rest
    )


class _Grouper:
    """Walks a section's lines once, closing an entry where the next one begins."""

    def __init__(self) -> None:
        self.entries: list[RawEntry] = []
        self.current = RawEntry()
        self.dated_at = -1  # index in current.header of the line that carried the date
        self.after_blank = False

    def close(self) -> None:
        current, entries = self.current, self.entries
        if current.header:
            entries.append(current)
        elif current.bullets and entries:
            # Bullets set apart by a blank line still belong to the entry above them.
            entries[-1].bullets.extend(current.bullets)
        elif current.bullets:
            entries.append(current)
        self.current, self.dated_at = RawEntry(), -1

    def _continues_range(self, text: str) -> bool:
        """'..., 2009 –' / '2015': a range a narrow cell wrapped."""
        header = self.current.header
        return bool(
            header
            and not self.current.bullets
            and not self.after_blank
            and _OPEN_RANGE_END.search(header[-1])
            and _RANGE_END_START.match(text)
        )

    def _header_line(self, text: str) -> None:
        dated = find_date_span(text) is not None
        current = self.current
        if current.bullets:
            self.close()
        elif self.after_blank:
            # A blank line may sit between a header and its date line; anything else
            # after a blank line starts the next entry.
            if not (dated and self.dated_at < 0 and _is_meta_line(text)):
                self.close()
        elif dated and self.dated_at >= 0:
            # Entries with no blank line or bullets between them: a date line that is
            # only metadata takes the header line above it into the new entry.
            carried = []
            if (
                _is_meta_line(text)
                and len(current.header) - 1 > self.dated_at
                and not is_prose(current.header[-1])
            ):
                carried = [current.header.pop()]
            self.close()
            self.current.header.extend(carried)
        self.current.header.append(text)
        if dated and self.dated_at < 0:
            self.dated_at = len(self.current.header) - 1

    def feed(self, line: Line) -> None:
        if line.kind == "blank":
            self.after_blank = bool(self.current.header or self.current.bullets)
            return
        if line.kind == "bullet":
            self.current.bullets.append(line.text)
        elif self._continues_range(line.text):
            # Joined by the space grounding reads the line break as.
            self.current.header[-1] = f"{self.current.header[-1]} {line.text}"
        else:
            self._header_line(line.text)
        self.after_blank = False


def group_entries(lines: list[Line]) -> list[RawEntry]:
    """Split a section's lines into entries at blank lines and at new headers."""
    grouper = _Grouper()
    for line in lines:
        grouper.feed(line)
    grouper.close()
    return grouper.entries


def _split_fragment(fragment: str, line: int) -> list[Piece]:
    separators = list(INNER_SEPARATORS.finditer(fragment))
    if not separators:
        return [Piece(fragment, line)]
    pieces, start = [], 0
    for match in separators:
        pieces.append(Piece(fragment[start : match.start()].strip(), line, match.group(0).strip()))
        start = match.end()
    pieces.append(Piece(fragment[start:].strip(), line, separators[-1].group(0).strip()))
    return [piece for piece in pieces if piece.text]


def read_header(header: list[str]) -> EntryHeader:
    """Years (as written), the header's pieces in order, and any prose lines."""
    result = EntryHeader()
    for index, text in enumerate(header):
        if result.pieces and is_prose(text):
            result.prose.append(text)
            continue
        if not result.years:
            span = find_date_span(text)
            if span is not None:
                result.years = span.text
                text = remove_span(text, span)
        for fragment in _FRAGMENT_SEPARATORS.split(text):
            # A dash left at either end belonged to a separator cut by a cell or a wrap.
            fragment = fragment.strip(" ,;|\u2013\u2014")
            if fragment:
                result.pieces.extend(_split_fragment(fragment, index))
    return result


def split_comma_piece(piece: Piece) -> list[Piece]:
    """'Senior Engineer, Acme' -> two pieces; used only when a header has one piece."""
    parts = [part.strip() for part in piece.text.split(", ") if part.strip()]
    return [Piece(part, piece.line, ",") for part in parts]
