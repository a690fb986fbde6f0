"""Date ranges as resumes write them, found and kept exactly as written.

``years`` on an entry is always a slice of the source line: the parser never reformats
a date, so "Jan 2020 – Present", "2019–2021" and "Summer 2019" come back unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Month names and abbreviations in the supported languages (en, es, fr, de, pt, it, nl),
# with and without accents; an abbreviation may end with a dot ("févr.", "Sept.").
_MONTH_WORDS = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
diciembre ene abr ago dic
janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
décembre decembre janv févr fevr avr juil déc
januar jänner jaenner februar märz maerz mär mrz juni juli oktober dezember okt dez
janeiro fevereiro março marco maio junho julho setembro outubro dezembro fev set out
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre gen mag giu lug ott
januari februari maart mei augustus mrt
""".split()
_MONTH = "(?:" + "|".join(sorted(set(_MONTH_WORDS), key=len, reverse=True)) + r")\.?"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_YEAR = r"(?:19|20)\d{2}"
_MM = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_POINT = (
    # "März 2020", "Sept. 2017", "enero de 2019", "Summer 2019"
    rf"(?:(?:{_MONTH}|{_SEASON}),?\s+(?:de\s+)?{_YEAR}"
    # "01.10.2022", "1/10/2022": a full day date, European or US order
    rf"|{_DAY}[./]{_DAY}[./]{_YEAR}"
    # "10/2022", "03/21", "10.2022", "10-2022"
    rf"|{_MM}(?:/(?:{_YEAR}|\d{{2}}(?!\d))|[.-]{_YEAR})"
    # "2019/10", "2020-01", "2025.02"
    rf"|{_YEAR}[/.-](?:0[1-9]|1[0-2])(?!\d)"
    rf"|{_YEAR})"
)
# Words for "up to now". "date" alone follows a "to": "2019 to date".
_OPEN_END_WORDS = [
    r"present",
    r"pres\.",
    r"current(?:ly)?",
    r"now",
    r"today",
    r"till? date",
    r"to date",
    r"date",
    r"ongoing",
    r"(?:bis )?heute",
    r"jetzt",
    r"actual(?:idad|mente)?",
    r"presente",
    r"hoy",
    r"la fecha",
    r"aujourd['\u2019]hui",
    r"(?:à )?ce jour",
    r"en cours",
    r"maintenant",
    r"atual(?:mente)?",
    r"(?:o )?momento",
    r"oggi",
    r"in corso",
    r"attuale",
    r"heden",
    r"nu",
]
_OPEN_END = "(?:" + "|".join(_OPEN_END_WORDS) + r")(?![\w'])"
# A dash of any kind (U+00AD included: some PDFs draw their dash with it), or a word.
_DASH = r"[-\u00ad\u2010-\u2015\u2212~]"
_JOIN_WORD = r"to|until|till|through|thru|bis|à|a|al|até|tot|au|hasta|fino a"
_JOINER = rf"(?:\s*{_DASH}\s*|\s+(?:{_JOIN_WORD})\s+)"
_RANGE = rf"{_POINT}{_JOINER}(?:{_POINT}|{_OPEN_END})"
_SINCE = rf"(?:since|from|seit|desde|depuis|dal|sinds|vanaf)\s+{_POINT}"

_RANGE_RE = re.compile(rf"(?<![\w/.]){_RANGE}(?![\w/])", re.IGNORECASE)
_SINGLE_RE = re.compile(rf"(?<![\w/.-])(?:{_SINCE}|{_POINT})(?![\w/])", re.IGNORECASE)
# A range cut by the line end after its dash ("Jan 2020 –"), its end on the next line.
_OPEN_RANGE_RE = re.compile(rf"(?<![\w/.]){_POINT}\s*{_DASH}\s*$", re.IGNORECASE)
_LONE_OPEN_END_RE = re.compile(rf"^\s*{_OPEN_END}\s*$", re.IGNORECASE)


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


def ends_with_open_range(line: str) -> bool:
    """True when ``line`` ends in a range whose end was wrapped onto the next line."""
    return bool(_OPEN_RANGE_RE.search(line))


def is_open_end(line: str) -> bool:
    """True when ``line`` is only a "present" word ("Present", "heute", "atual")."""
    return bool(_LONE_OPEN_END_RE.match(line))


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
