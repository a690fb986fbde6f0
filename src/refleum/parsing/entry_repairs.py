"""Repairs after grouping: entries the line-by-line walk cut in the wrong place.

The grouper decides at each line with only what came before; some cuts are only
visible once every entry of the section is known (a stray line with nothing of a
header, an entry's dates printed at the end of its first bullet).
"""

from __future__ import annotations

from refleum.parsing.dates import find_date_span, remove_span
from refleum.parsing.entries import (
    FRAGMENT_SEPARATORS,
    INNER_SEPARATORS,
    RawEntry,
    is_date_only,
    is_description,
    is_link,
)
from refleum.parsing.entry_lexicon import (
    looks_like_degree,
    looks_like_employer,
    looks_like_title,
)
from refleum.parsing.vocabulary import looks_like_location


def _lift_bullet_date(entry: RawEntry) -> RawEntry:
    """'- Built the thing | June 2024 – Sept 2024': a template that prints an entry's dates
    at the end of its first bullet. The date cell moves to the header when it has none."""
    if not entry.bullets or any(find_date_span(text) for text in entry.header):
        return entry
    fragments = FRAGMENT_SEPARATORS.split(entry.bullets[0])
    if len(fragments) < 2 or not is_date_only(fragments[-1].strip()):
        return entry
    cut = entry.bullets[0].rfind(fragments[-1])
    rest = entry.bullets[0][: len(entry.bullets[0][:cut].rstrip(" |\t\u00b7\u2022\u25cf"))]
    bullets = [rest, *entry.bullets[1:]] if rest else entry.bullets[1:]
    return RawEntry([*entry.header, fragments[-1].strip()], bullets)


def is_stray_letters(text: str) -> bool:
    """'A', 'S F', 'V E': letters a sidebar or drop caps spread between the lines; no
    header or description is written as lone letters."""
    words = text.split()
    return bool(words) and all(len(word) == 1 and word.isalpha() for word in words)


def _line_signal(text: str) -> bool:
    # Lone letters in a cell ('J | > From the Earth') are not a cell of a header.
    cells = [c for c in FRAGMENT_SEPARATORS.split(text) if c.strip() and not is_stray_letters(c)]
    text = " ".join(cells)
    return bool(
        len(cells) > 1
        or find_date_span(text)
        or INNER_SEPARATORS.search(text)
        or "," in text
        or looks_like_title(text)
        or looks_like_employer(text)
        or looks_like_degree(text)
        or looks_like_location(text)
    )


def _has_header_signal(entry: RawEntry) -> bool:
    """Whether an entry's header reads as one: a date, a separator between cells, or a
    word that names a job, an employer, a degree, a school or a place."""
    return any(_line_signal(text) for text in entry.header)


def _merge_signal_less(entries: list[RawEntry]) -> list[RawEntry]:
    """An 'entry' with nothing that reads as a header (a stray line, an icon's letter, a
    sentence cut by a page) is more of the entry above it, not an entry of its own. One
    with bullets of its own stays an entry where no entry is dated: an undated projects
    list names its projects with nothing else."""
    dated = any(find_date_span(text) for entry in entries for text in entry.header)
    kept: list[RawEntry] = []
    for entry in entries:
        if kept and not _has_header_signal(entry) and (dated or not entry.bullets):
            kept[-1].bullets.extend([*entry.header, *entry.bullets])
        else:
            kept.append(entry)
    return kept


_LEAD_MAX_WORDS = 6


def _is_lone_lead(entry: RawEntry) -> bool:
    """One short undated line with nothing under it: 'Acme Corp' set apart by a gap."""
    if entry.bullets or entry.run_in or len(entry.header) != 1:
        return False
    text = entry.header[0]
    return (
        len(text.split()) <= _LEAD_MAX_WORDS
        and find_date_span(text) is None
        and not is_description(text)
        and not is_link(text)
        and text[:1].isupper()
    )


def _names_one_thing(entry: RawEntry) -> bool:
    """A header whose date sits on its first or second line and that names one thing
    before it (a role, or a degree; links aside): the employer or school is missing, so
    a line set apart above it can be that. 'BA, Loyola University' / '1997' is whole."""
    dated = [i for i, text in enumerate(entry.header) if find_date_span(text)]
    if entry.run_in or not dated or dated[0] > 1:
        return False
    lines = [
        *entry.header[: dated[0]],
        remove_span(entry.header[dated[0]], find_date_span(entry.header[dated[0]])),
    ]
    pieces = [
        piece.strip()
        for line in lines
        for piece in FRAGMENT_SEPARATORS.split(line)
        if piece.strip() and not is_link(piece.strip())
    ]
    return len(pieces) <= 1 and not any(
        "," in piece or INNER_SEPARATORS.search(piece) for piece in pieces
    )


def _join_leads(entries: list[RawEntry]) -> list[RawEntry]:
    """Themes that set the employer in large type above the role ('Acme Corp', a gap, then
    'Engineer | 2019 – 2021') leave it as a line of its own. Where entries are dated, a
    lone undated short line right above a dated entry is that entry's first header line,
    not an entry with no role and no dates."""
    kept: list[RawEntry] = []
    for entry in entries:
        lead = kept[-1] if kept else None
        if lead is not None and _is_lone_lead(lead) and _names_one_thing(entry):
            kept[-1] = RawEntry([*lead.header, *entry.header], entry.bullets)
        else:
            kept.append(entry)
    return kept


def repair_entries(entries: list[RawEntry]) -> list[RawEntry]:
    return [_lift_bullet_date(entry) for entry in _merge_signal_less(_join_leads(entries))]
