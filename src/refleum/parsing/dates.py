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
# A year before 1900 ("1848–1851", "since 1862": a historical or a sample resume) counts
# only inside a range or after "since", and only as a plausible span (see _plausible):
# a lone "1500" is far more often a number than a year.
_ANY_YEAR = r"(?:1[0-9]|20)\d{2}"
_MM = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MM2 = r"(?:0[1-9]|1[0-2])"
_DAY2 = r"(?:0[1-9]|[12]\d|3[01])"


def _point(year: str) -> str:
    return (
        # "März 2020", "Sept. 2017", "enero de 2019", "Summer 2019"
        rf"(?:(?:{_MONTH}|{_SEASON}),?\s+(?:de\s+)?{year}"
        # "01.10.2022", "1/10/2022": a full day date, European or US order
        rf"|{_DAY}[./]{_DAY}[./]{year}"
        # "2013-12-01", "2013/12/01", "2013.12.01": ISO order, as JSON Resume themes print
        rf"|{year}-{_MM2}-{_DAY2}(?!\d)|{year}/{_MM2}/{_DAY2}(?!\d)|{year}\.{_MM2}\.{_DAY2}(?!\d)"
        # "10/2022", "03/21", "10.2022", "10-2022"
        rf"|{_MM}(?:/(?:{year}|\d{{2}}(?!\d))|[.-]{year})"
        # "2019/10", "2020-01", "2025.02"
        rf"|{year}[/.-](?:0[1-9]|1[0-2])(?!\d)"
        # "2013-Dec", "2013/Mar": year first, then the month's name (ISO order, named)
        rf"|{year}[/-]{_MONTH}(?![^\W\d_])"
        rf"|{year})"
    )


_POINT = _point(_YEAR)
_RANGE_POINT = _point(_ANY_YEAR)
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
_RANGE = (
    rf"(?:{_RANGE_POINT}{_JOINER}(?:{_RANGE_POINT}|{_OPEN_END})"
    # "1577–78", "2019–20": the end year shortened to its last two digits
    rf"|{_ANY_YEAR}\s*{_DASH}\s*\d{{2}}(?!\d)"
    # "April to May 1581", "June – August 2019": one year for both months
    rf"|(?:{_MONTH}|{_SEASON}){_JOINER}(?:{_MONTH}|{_SEASON}),?\s+{_ANY_YEAR})"
)
_SINCE = rf"(?:since|from|seit|desde|depuis|dal|sinds|vanaf)\s+{_RANGE_POINT}"

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


_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_SHORT_END = re.compile(rf"(\d{{4}})\s*{_DASH}\s*(\d{{2}})", re.IGNORECASE)
_MONTH_OF_YEAR = re.compile(r"\d{4}[-\u2010-\u2015](?:0[1-9]|1[0-2])")  # "2020-01"
_OLD_SINCE = re.compile(r"^(?:since|seit|desde|depuis|dal|sinds)\s", re.IGNORECASE)
_MAX_SPAN_YEARS = 70  # a working life; "1200-1500 units" is a quantity, not a span
_MAX_SHORT_SPAN = 10  # "2019–20", "1993–99": a short end year closes a short span


def _plausible(text: str, single: bool) -> bool:
    """A span whose years read as dates: years before 1900 only in an ordered span of at
    most a working life (or after "since"), and a shortened end year after its start."""
    if short := _SHORT_END.fullmatch(text):
        start, end = int(short.group(1)), int(short.group(2))
        if 0 < end - start % 100 <= _MAX_SHORT_SPAN:
            return True
        return start >= 1900 and _MONTH_OF_YEAR.fullmatch(text) is not None
    years = [int(year) for year in _FOUR_DIGITS.findall(text)]
    if all(year >= 1900 for year in years):
        return True
    if single:  # "since 1862"; "from 1500" is more often a quantity
        return _OLD_SINCE.match(text) is not None
    return years == sorted(years) and years[-1] - years[0] <= _MAX_SPAN_YEARS


def _first_plausible(pattern: re.Pattern, line: str, single: bool) -> re.Match | None:
    return next((m for m in pattern.finditer(line) if _plausible(m.group(0), single)), None)


# "2011 2014" alone on a line: a range whose dash the layout drew (a CSS "–" between two
# spans) and the text lost. Only a whole line of two ordered years reads so: a run of
# years inside a sentence or a list ("2015 2016 2017") stays as it is.
_BARE_YEARS_RE = re.compile(rf"^\s*({_YEAR})\s+({_YEAR})\s*$")


def _bare_years(line: str) -> re.Match | None:
    match = _BARE_YEARS_RE.match(line)
    if match and 0 <= int(match.group(2)) - int(match.group(1)) <= _MAX_SPAN_YEARS:
        return match
    return None


def find_date_span(line: str, allow_single: bool = True) -> DateSpan | None:
    """The date range in ``line`` (or a lone date when ``allow_single``), as written."""
    if bare := _bare_years(line):
        return DateSpan(line[bare.start(1) : bare.end(2)], bare.start(1), bare.end(2))
    match = _first_plausible(_RANGE_RE, line, single=False)
    if match is None and allow_single:
        match = _first_plausible(_SINGLE_RE, line, single=True)
    if match is None:
        return None
    return DateSpan(match.group(0), match.start(), match.end())


def ends_with_open_range(line: str) -> bool:
    """True when ``line`` ends in a range whose end was wrapped onto the next line."""
    return bool(_OPEN_RANGE_RE.search(line))


def is_open_end(line: str) -> bool:
    """True when ``line`` is only a "present" word ("Present", "heute", "atual")."""
    return bool(_LONE_OPEN_END_RE.match(line))


# "(4 years 2 months)" after a range, as LinkedIn exports write it, or "• a year", "· 3
# years" as JSON Resume themes print it: the span's length, not content.
_DURATION = re.compile(
    r"^(?:[\u2022\u00b7|,]\s*)?\(?\s*"
    r"(?:(?:\d+|an?|one)\s*(?:years?|yrs?|months?|mos?)\b,?\s*(?:and\s+)?)+\)?",
    re.IGNORECASE,
)


def remove_span(line: str, span: DateSpan) -> str:
    """``line`` without the date (and a duration right after it), with the separator it
    leaves dangling trimmed away."""
    before = line[: span.start].rstrip(" \t|,;·•()[]-\u2013\u2014:")
    after = line[span.end :].lstrip(" \t")
    after = _DURATION.sub("", after).lstrip(" \t|,;·•()[]-\u2013\u2014:")
    if before and after:
        return f"{before} | {after}"
    return before or after
