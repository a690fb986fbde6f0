"""Date ranges as resumes write them, found and kept exactly as written.

``years`` on an entry is always a slice of the source line: the parser never reformats
a date, so "Jan 2020 – Present", "2019–2021" and "Summer 2019" come back unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19|20)\d{2}"
_POINT = (
    rf"(?:(?:{_MONTH}|{_SEASON}),?\s+{_YEAR}"
    rf"|(?:0?[1-9]|1[0-2])(?:/(?:{_YEAR}|\d{{2}}(?!\d))|\.{_YEAR})"
    rf"|{_YEAR}[/-](?:0[1-9]|1[0-2])(?!\d)"
    rf"|{_YEAR})"
)
_OPEN_END = r"(?:present|current|now|today|ongoing|date)"
_JOINER = r"\s*(?:[-\u2010-\u2015\u2212~]|to|until|through|thru)\s*"
_RANGE = rf"{_POINT}{_JOINER}(?:{_POINT}|{_OPEN_END})"
_SINCE = rf"(?:since|from)\s+{_POINT}"

_RANGE_RE = re.compile(rf"(?<![\w/]){_RANGE}(?![\w/])", re.IGNORECASE)
_SINGLE_RE = re.compile(rf"(?<![\w/.-])(?:{_SINCE}|{_POINT})(?![\w/])", re.IGNORECASE)


@dataclass(frozen=True)
class DateSpan:
    text: str
    start: int
    end: int


def find_date_span(line: str, allow_single: bool = True) -> DateSpan | None:
    """The date range in ``line`` (or a lone date when ``allow_single``), as written."""
    match = _RANGE_RE.search(line)
    if match is None and allow_single:
        match = _SINGLE_RE.search(line)
    if match is None:
        return None
    return DateSpan(match.group(0), match.start(), match.end())


# "(4 years 2 months)" after a range, as LinkedIn exports write it: not content.
_DURATION = re.compile(r"^\(?\s*(?:\d+\s*(?:years?|yrs?|months?|mos?)\b\s*)+\)?", re.IGNORECASE)


def remove_span(line: str, span: DateSpan) -> str:
    """``line`` without the date (and a duration right after it), with the separator it
    leaves dangling trimmed away."""
    before = line[: span.start].rstrip(" \t|,;·•()[]-\u2013\u2014:")
    after = line[span.end :].lstrip(" \t")
    after = _DURATION.sub("", after).lstrip(" \t|,;·•()[]-\u2013\u2014:")
    if before and after:
        return f"{before} | {after}"
    return before or after
