"""Years of experience, computed from the resume's own dates (issue #16).

A summary may say "8 years of experience" only because the dates add up to it: this is
the one function that adds them, used by the local engine when it writes the figure and
by the truth checks (facts.py) when they judge it, so the two can never disagree.

The rule, chosen so the figure never overstates what the dates show:

* each work-experience entry's ``years`` gives one span, start to end; "Present",
  "current", "heute", "atual"... (or "since 2019" alone) end it today;
* a year without a month starts and ends in its January, so "2017 - 2021" is four years,
  as a reader counts it; a lone date ("Summer 2015") is a stint of unknown length and adds
  nothing; an entry whose dates cannot be read adds nothing either;
* overlapping spans count once (two jobs at a time are not two years a year);
* the sum is whole years, rounded down; none at all (``None``) when no entry's dates can
  be read or they add up to less than one year.

Month names are read in the languages the parser reads dates in (en, es, fr, de, pt, it,
nl). No date library is used: the formats are the handful resumes print, and the parser
keeps ``years`` exactly as printed (parsing/dates.py), so these are the formats seen here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from refleum.resume_data import ResumeData

_MONTH_NAMES = {
    1: "january jan enero ene janvier janv januar jänner jaenner janeiro gennaio gen januari",
    2: "february feb febrero février fevrier févr fevr februar fevereiro fev febbraio februari",
    3: "march mar marzo mars märz maerz mär mrz março marco maart mrt",
    4: "april apr abril abr avril avr aprile",
    5: "may mayo mai maio maggio mag mei",
    6: "june jun junio juin juni junho giugno giu",
    7: "july jul julio juillet juil juli julho luglio lug",
    8: "august aug agosto ago août aout augustus",
    9: "september sep sept septiembre setiembre septembre setembro set settembre",
    10: "october oct octubre octobre oktober okt outubro out ottobre ott",
    11: "november nov noviembre novembre novembro",
    12: "december dec diciembre dic décembre decembre dezember dez dezembro dicembre",
}
_MONTHS = {word: number for number, words in _MONTH_NAMES.items() for word in words.split()}
_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_MONTH_WORD = "|".join(sorted([*_MONTHS, *_SEASONS], key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"
_POINT = re.compile(
    rf"(?<![^\W\d_])(?P<name>{_MONTH_WORD})\.?,?\s+(?:de\s+)?(?P<named_year>{_YEAR})(?!\d)"
    rf"|(?<![\d/.])(?P<mm>0?[1-9]|1[0-2])[/.-](?P<mm_year>{_YEAR})(?!\d)"
    rf"|(?<!\d)(?P<iso_year>{_YEAR})[/.-](?P<iso_mm>0[1-9]|1[0-2])(?![\d/.-])"
    rf"|(?<![\d/.-])(?P<year>{_YEAR})(?!\d)",
    re.IGNORECASE,
)
# "2019-20": the end year shortened to its last two digits.
_SHORT_END = re.compile(r"^\s*[-\u2010-\u2015~]\s*(?P<yy>\d{2})(?![\d/.-])")
_ONGOING = re.compile(
    r"(?<![^\W\d_])(?:present|pres\.|current(?:ly)?|now|today|to date|till? date|ongoing|"
    r"heute|jetzt|actual(?:idad|mente)?|presente|hoy|la fecha|aujourd['\u2019]hui|ce jour|"
    r"en cours|maintenant|atual(?:mente)?|momento|oggi|in corso|attuale|heden|nu)(?![^\W\d_])",
    re.IGNORECASE,
)
_SINCE = re.compile(r"(?<![^\W\d_])(?:since|seit|desde|depuis|dal|sinds|vanaf)\s", re.IGNORECASE)

Month = int  # months since year 0: year * 12 + month - 1


def experience_years(resume: ResumeData, today: date | None = None) -> int | None:
    """Whole years the work-experience dates cover (overlaps once), or None when the dates
    cannot be read or cover less than a year. The module docstring has the rule."""
    now = _month_of(today or date.today())
    spans = [span for job in resume.workExperience if (span := entry_span(job.years, now))]
    months = _covered_months(spans)
    return months // 12 if months >= 12 else None


def entry_span(text: str, now: Month) -> tuple[Month, Month] | None:
    """The span one entry's ``years`` text gives, [start, end) in months, within now."""
    folded = unicodedata.normalize("NFKC", text)
    points = list(_POINT.finditer(folded))
    if not points:
        return None
    start = _month(points[0])
    rest = folded[points[0].end() :]
    if short := _SHORT_END.match(rest):
        end = (start // 12 // 100 * 100 + int(short.group("yy"))) * 12
    elif len(points) >= 2:
        end = _month(points[1])
    elif _ONGOING.search(rest) or _SINCE.search(folded[: points[0].start()]):
        end = now
    else:
        return None  # a lone date: a stint of unknown length
    end = min(end, now)
    return (start, end) if start < end else None


def _month(point: re.Match) -> Month:
    """A point as a month. A bare year is its January at either end of a span, so
    "2017 - 2021" is four years, as a reader counts it."""
    if point.group("name"):
        word = point.group("name").lower()
        month = _MONTHS.get(word) or _SEASONS[word]
        return int(point.group("named_year")) * 12 + month - 1
    if point.group("mm"):
        return int(point.group("mm_year")) * 12 + int(point.group("mm")) - 1
    if point.group("iso_year"):
        return int(point.group("iso_year")) * 12 + int(point.group("iso_mm")) - 1
    return int(point.group("year")) * 12


def _month_of(day: date) -> Month:
    return day.year * 12 + day.month - 1


def _covered_months(spans: list[tuple[Month, Month]]) -> int:
    """Months covered by at least one span: an overlap counts once."""
    total, reached = 0, 0
    for start, end in sorted(spans):
        start = max(start, reached)
        if end > start:
            total += end - start
            reached = end
    return total
