"""Grouping a section's lines into entries: where one entry ends and the next begins.

An entry is a few header lines (title, company, dates, place in any order) followed by
its bullets. Entries are cut at blank lines, at a new dated header, at a bullet that
opens a block above a dated line, and at run-in paragraphs; description paragraphs,
wrapped bullets and wrapped header lines stay with the entry they belong to.
"""

from __future__ import annotations

import re

from refleum.parsing.dates import find_date_span, remove_span
from refleum.parsing.entries import (
    FRAGMENT_SEPARATORS,
    INNER_SEPARATORS,
    RawEntry,
    is_date_only,
    is_description,
    is_link,
    is_prose,
)
from refleum.parsing.entry_lexicon import (
    is_grade_line,
    looks_like_degree,
    looks_like_employer,
    looks_like_school,
    looks_like_title,
)
from refleum.parsing.entry_repairs import is_stray_letters, repair_entries
from refleum.parsing.lines import Line
from refleum.parsing.vocabulary import looks_like_location

_NUMBERED_ITEM = re.compile(r"^\d{1,2}[.)]\s+\S")
_HEADER_FRAGMENT_MAX_WORDS = 6
_HEADER_MAX_WORDS = 8
_NAME_REST_MAX_WORDS = 6  # the wrapped rest of a name: 'contract NORTH & SOUTH ACADEMY'
_DATE_LINE_EXTRA_WORDS = 3  # after a leading date: '1 year', '(remote)'


def _is_bulleted_header(text: str) -> bool:
    """'• Acme Corp | Berlin': a header line that a template marked with a bullet. Short
    cells, at least two, one of them a place or an employer ('- Built it | 2024' is a
    bullet with its date)."""
    fragments = [f.strip() for f in FRAGMENT_SEPARATORS.split(text) if f.strip()]
    if len(fragments) < 2 or any(
        len(f.split()) > _HEADER_FRAGMENT_MAX_WORDS or is_description(f) for f in fragments
    ):
        return False
    return any(looks_like_location(f) or looks_like_employer(f) for f in fragments)


# A line that ends on one of these was cut by a wrap: '&', ',', 'and', 'of' (and their
# French, German, Spanish, Portuguese, Italian and Dutch forms).
_WRAPPED_END = re.compile(
    r"(?:[&,+]|\b(?:and|of|for|the|et|de|des|du|und|für|der|y|e|del|da|do|di|en|van|voor))$",
    re.IGNORECASE,
)
_OPEN_RANGE_END = re.compile(r"(?:19|20)\d{2}\s*[-\u2013\u2014]$")
_RANGE_END_START = re.compile(r"^(?:(?:19|20)\d{2}|present|current|now)\b", re.IGNORECASE)


def _is_meta_line(text: str) -> bool:
    """A line that is only a date, or a place and a date ("Stockholm, Jan 2020 – Present"):
    it belongs to the header line above it, not to a header of its own."""
    span = find_date_span(text)
    if span is None:
        return False
    rest = remove_span(text, span)
    # 'Office Manager, ACME Inc. | 2009' names a job, 'Juillet 2006 CAPES Mathématiques' a
    # degree: each is a header of its own.
    return not rest or (
        len(rest.split()) <= 4
        and INNER_SEPARATORS.search(rest) is None
        and " | " not in rest
        and not (looks_like_title(rest) or looks_like_employer(rest))
        and not (looks_like_degree(rest) or looks_like_school(rest))
    )


_RUN_IN_MAX_WORDS = 12
_RUN_IN_MIN_DESCRIPTION = 3
_SENTENCE_END = re.compile(r"[.!?]\s+\S")


def run_in_header(text: str) -> tuple[str, str] | None:
    """'Engineer Acme Corp, Berlin. June 2012 – May 2014 Built the…': a whole entry set as
    one paragraph (a LaTeX class printing title, employer and place in one run before the
    date). Returns (header through the date, description after it), both slices of
    ``text``, when a short run of words with no sentence in it leads to the date."""
    span = find_date_span(text)
    if span is None or span.start == 0:
        return None
    head, description = text[: span.end], text[span.end :].strip()
    before = text[: span.start].rstrip()
    # A description follows the date: 'Paper title, Journal, 2016' is a list item, not
    # an entry. The place before the date may or may not be closed by a mark.
    if (
        not 2 <= len(before.split()) <= _RUN_IN_MAX_WORDS
        or _SENTENCE_END.search(before)
        or len(description.split()) < _RUN_IN_MIN_DESCRIPTION
    ):
        return None
    return head, description


class _Grouper:
    """Walks a section's lines once, closing an entry where the next one begins."""

    def __init__(self) -> None:
        self.entries: list[RawEntry] = []
        self.current = RawEntry()
        self.dated_at = -1  # index in current.header of the line that carried the date
        self.after_blank = False
        self.run_in = False  # the entries so far were each one run-in paragraph
        # Whether the section's first entry opened with a line of only its date: entries
        # share a layout, so a later date line opens its entry too, taking no line above.
        self.date_leads: bool | None = None
        self.lead: int | None = None  # header lines above the first entry's date
        self.lone_bullet = False  # the line just fed was a bullet opening a block

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

    def _titled_by_bullet(self, text: str, dated: bool) -> bool:
        """'- Internship' / 'Company Y, City. June 2012 – August 2012': a class that marks
        each entry's first line with a glyph. A short bullet that opened a block (after a
        blank line, or first in the section) with a dated header line right under it is
        that entry's title, not the last bullet of the entry above."""
        bullet = self.current.bullets[-1] if self.current.bullets else ""
        return bool(
            dated
            and self.lone_bullet
            and len(bullet.split()) <= _HEADER_MAX_WORDS
            and not bullet.endswith(".")
            and not is_description(bullet)
        )

    def _header_line(self, text: str) -> None:
        dated = find_date_span(text) is not None
        if self._titled_by_bullet(text, dated):
            title = self.current.bullets.pop()
            self.close()
            self.current.header.extend([title, text])
            self.dated_at = 1
            return
        current = self.current
        if current.bullets:
            self.close()
        elif self._only_dates():
            pass  # dates set above their entry ('2011' / '2014', a gap, then the school)
        elif self.after_blank:
            # A blank line may sit between a header and its date line; anything else
            # after a blank line starts the next entry.
            if not (dated and self.dated_at < 0 and _is_meta_line(text)):
                self.close()
        elif dated and self.dated_at >= 0:
            # Entries with no blank line or bullets between them: a date line that is
            # only metadata takes the header lines above it into the new entry, as many
            # as stood above the first entry's date (school, degree, date).
            carried: list[str] = []
            if _is_meta_line(text) and not self.date_leads:
                above = current.header[self.dated_at + 1 :]
                for line in reversed(above[-max(1, self.lead or 0) :]):
                    if is_prose(line):
                        break
                    carried.insert(0, current.header.pop())
            self.close()
            self.current.header.extend(carried)
        self.current.header.append(text)
        if dated and self.dated_at < 0:
            self.dated_at = len(self.current.header) - 1
            if self.date_leads is None:
                self.date_leads = not self.entries and self.dated_at == 0 and is_date_only(text)
                self.lead = self.dated_at if not self.entries else None

    def _only_dates(self) -> bool:
        """The header so far is dates alone: no entry is a date by itself."""
        header = self.current.header
        return bool(header) and all(is_date_only(text) for text in header)

    def _links_header(self, text: str) -> bool:
        """'http://acme.example' under 'Acme | 2019 – 2021': the employer's site, set
        apart by a gap or not, belongs to the header above; a link never opens an entry."""
        header = self.current.header
        return bool(header) and not self.current.bullets and is_link(text)

    def _continues_header(self, text: str) -> bool:
        """'ONAC, Private schools ACADIS &' / 'DWIGHT MOODY': a header line that ends on a
        joining word or mark was wrapped; the next line is the rest of it."""
        header = self.current.header
        return bool(
            header
            and not self.current.bullets
            and not self.after_blank
            and _WRAPPED_END.search(header[-1])
            and not find_date_span(text)
        )

    def _continues_name(self, text: str) -> bool:
        """'…, Private schools outside the' / 'contract NORTH & SOUTH ACADEMY': a header
        line wrapped inside a name. The rest starts in lower case like a description line
        but is short and mostly capitalised words: a name going on, not a sentence."""
        header = self.current.header
        words = [word for word in text.split() if word[0].isalpha()]
        if (
            not header
            or self.current.bullets
            or self.after_blank
            or len(words) < 2
            or len(text.split()) > _NAME_REST_MAX_WORDS
            or not words[0][0].islower()
            or find_date_span(text)
            or is_date_only(header[-1])
            or header[-1].endswith((".", ":", ";"))
        ):
            return False
        capitals = sum(word[0].isupper() for word in words[1:])
        return capitals * 2 > len(words) - 1

    def _bullet_is_header(self, text: str) -> bool:
        """Templates exported as lists mark every line with a bullet ('- CEO/President',
        '- Dec 2013 – Dec 2014', '- Built…'): a bullet is a header line when it reads as
        one and no description has started yet — a short line naming a job, an employer,
        a degree or a school opening an entry, or a date under such a line."""
        if _is_bulleted_header(text):
            return True
        if self.current.bullets or is_description(text) or len(text.split()) > _HEADER_MAX_WORDS:
            return False
        if not self.current.header:
            return not self.entries and (
                looks_like_title(text)
                or looks_like_employer(text)
                or looks_like_degree(text)
                or looks_like_school(text)
            )
        span = find_date_span(text)
        return (
            span is not None
            and span.start == 0
            and len(remove_span(text, span).split()) <= _DATE_LINE_EXTRA_WORDS
        )

    def _continues_bullet(self, text: str) -> bool:
        """A line right under a bullet that starts in lower case is the bullet, wrapped."""
        first = text.split()[0]
        return bool(
            self.current.bullets
            and not self.after_blank
            and first[0].islower()
            and not _NUMBERED_ITEM.match(text)
        )

    def _is_description_line(self, text: str) -> bool:
        """Running text under an entry's header describes that entry; it never starts one
        (a paragraph of description must not become a job per line). Under a header that
        is only a date ('2003 - 2006' in a margin) the next line that is no sentence names
        the entry, however many lower-case words its title has."""
        header = self.current.header
        if (
            header
            and not self.current.bullets
            and all(is_date_only(line) for line in header)
            and not is_prose(text)
        ):
            return False
        # A labelled grade after the bullets still belongs to the entry; before them it is a
        # header line that the education reader files as a note.
        grade_after_bullets = bool(self.current.bullets) and is_grade_line(text)
        return bool(header) and (
            is_description(text) or bool(_NUMBERED_ITEM.match(text)) or grade_after_bullets
        )

    def _starts_run_in(self, text: str) -> bool:
        """A run-in paragraph opens an entry at the start of a section, or after a blank
        line where every entry so far was one (a dated sentence inside an entry's bullets
        is description)."""
        fresh = not self.current.header and not self.current.bullets
        if not (fresh or (self.run_in and self.after_blank)):
            return False
        return run_in_header(text) is not None

    def _run_in_entry(self, text: str) -> None:
        head, description = run_in_header(text)  # type: ignore[misc]  # checked by caller
        self.close()
        self.current.header.append(head)
        self.current.run_in = True
        self.dated_at = 0
        if description:
            self.current.bullets.append(description)
        self.run_in = True

    def feed(self, line: Line) -> None:
        if line.kind == "blank":
            self.after_blank = bool(self.current.header or self.current.bullets)
            return
        opens_block = self.after_blank or not (self.current.header or self.current.bullets)
        self._feed(line)
        self.lone_bullet = line.kind == "bullet" and opens_block and bool(self.current.bullets)
        self.after_blank = False

    def _feed(self, line: Line) -> None:
        if line.kind == "bullet" and self._starts_run_in(line.text):
            self._run_in_entry(line.text)
        elif line.kind == "bullet" and self._bullet_is_header(line.text):
            self._header_line(line.text)
        elif line.kind == "bullet":
            self.current.bullets.append(line.text)
        elif self._continues_bullet(line.text):
            # Joined by the space grounding reads the line break as.
            self.current.bullets[-1] = f"{self.current.bullets[-1]} {line.text}"
        elif self._continues_name(line.text):
            # Joined by the space grounding reads the line break as.
            self.current.header[-1] = f"{self.current.header[-1]} {line.text}"
        elif self._is_description_line(line.text) or (
            is_stray_letters(line.text) and (self.current.header or self.current.bullets)
        ):
            self.current.bullets.append(line.text)
        elif self._continues_range(line.text) or self._continues_header(line.text):
            # Joined by the space grounding reads the line break as.
            self.current.header[-1] = f"{self.current.header[-1]} {line.text}"
        elif self._links_header(line.text):
            self.current.header.append(line.text)
        else:
            self._header_line(line.text)


def group_entries(lines: list[Line]) -> list[RawEntry]:
    """Split a section's lines into entries at blank lines and at new headers."""
    grouper = _Grouper()
    for line in lines:
        grouper.feed(line)
    grouper.close()
    return repair_entries(grouper.entries)
