"""Education entries a layout split apart, put back together before they are read.

Templates set a school's parts far apart: the school in bold on a line of its own with
the degree after a blank line, the dates in a cell above both, or the school and dates
on one line with the degree and field below. Each part then groups as an entry of its
own, and a record per part reads as several half-empty schools. A date-only entry goes
with the entry after it; a school with no degree takes the degree-only entry after it.
"""

from __future__ import annotations

from refleum.parsing.dates import find_date_span, remove_span
from refleum.parsing.education_lexicon import looks_like_degree, looks_like_school
from refleum.parsing.entries import RawEntry, is_prose


def _texts(entry: RawEntry) -> list[str]:
    return [*entry.header, *entry.bullets]


def only_dates(text: str) -> bool:
    """'Jun 2011 – Jan 2014', or '2011 2014' (a range whose dash a cell dropped)."""
    for _ in range(2):
        span = find_date_span(text)
        if span is None:
            return False
        text = remove_span(text, span)
        if not text:
            return True
    return False


def _date_only(entry: RawEntry) -> bool:
    texts = _texts(entry)
    return bool(texts) and all(only_dates(text) for text in texts)


def _dated(entry: RawEntry) -> bool:
    return any(find_date_span(text) for text in entry.header)


def _school_only(entry: RawEntry) -> bool:
    """A header naming a school and no degree, with nothing under it."""
    return (
        not entry.bullets
        and any(looks_like_school(t) and not looks_like_degree(t) for t in entry.header)
        and not any(looks_like_degree(t) for t in entry.header)
    )


def _degree_without_school(entry: RawEntry) -> bool:
    """A header that names a degree ('Bachelor' / 'Information Technology') and no
    school, and is not a sentence: a note under a school ('Honours: Dean's list') stays
    apart."""
    return any(looks_like_degree(t) for t in entry.header) and not any(
        looks_like_school(t) or is_prose(t) for t in entry.header
    )


def join_split_schools(entries: list[RawEntry]) -> list[RawEntry]:
    joined: list[RawEntry] = []
    pending_dates: list[str] = []
    for entry in entries:
        if _date_only(entry):
            pending_dates.extend(_texts(entry))
            continue
        if pending_dates:
            entry = RawEntry([*pending_dates, *entry.header], entry.bullets, entry.run_in)
            pending_dates = []
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and _school_only(previous)
            and _degree_without_school(entry)
            and not (_dated(previous) and _dated(entry))
        ):
            joined[-1] = RawEntry([*previous.header, *entry.header], entry.bullets)
            continue
        joined.append(entry)
    if pending_dates:
        joined.append(RawEntry(pending_dates))
    return joined
