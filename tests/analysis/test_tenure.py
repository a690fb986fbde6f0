"""Years of experience from the resume's own dates: the one figure a summary may add."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from refleum.analysis.tenure import experience_years
from refleum.resume_data import ResumeData

TODAY = date(2026, 11, 29)


def _resume(*years: str) -> ResumeData:
    jobs = [{"id": i + 1, "title": "Engineer", "years": y} for i, y in enumerate(years)]
    return ResumeData.model_validate({"workExperience": jobs})


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (["Jan 2020 – Present"], 6),  # Jan 2020 .. Nov 2026: 6 years 10 months
        (["2017 - 2021"], 4),  # a bare year is its January at both ends
        (["03/2021 - 05/2024", "09/2018 - 12/2019"], 4),  # 38 + 15 months
        (["2019-03 – 2021-09"], 2),
        (["März 2019 – heute"], 7),
        (["janv. 2018 – aujourd'hui"], 8),
        (["enero de 2015 - diciembre de 2016"], 1),
        (["Mar 2016 – Atual"], 10),
        (["2019–20"], 1),  # the end year shortened
        (["seit 2020"], 6),
        (["Sept 2013 - Current"], 13),
    ],
)
def test_formats_resumes_print(years, expected):
    assert experience_years(_resume(*years), TODAY) == expected


def test_overlapping_jobs_count_once():
    assert experience_years(_resume("2015 - 2020", "2017 - 2019"), TODAY) == 5
    assert experience_years(_resume("2015 - 2018", "2017 - 2020"), TODAY) == 5


def test_gaps_between_jobs_are_not_counted():
    assert experience_years(_resume("2010 - 2012", "2020 - 2022"), TODAY) == 4


def test_rounds_down_to_whole_years():
    assert experience_years(_resume("Jan 2020 - Dec 2021"), TODAY) == 1  # 23 months


@pytest.mark.parametrize(
    "years",
    [
        [],
        [""],
        ["Summer 2015"],  # a lone date: length unknown
        ["three years"],
        ["Jan 2026 - Present"],  # under a year
        ["2021 - 2018"],  # ends before it starts
        ["2030 - 2032"],  # in the future
    ],
)
def test_omitted_when_dates_cannot_be_read_or_under_a_year(years):
    assert experience_years(_resume(*years), TODAY) is None


def test_unreadable_entries_add_nothing_but_do_not_hide_the_rest():
    assert experience_years(_resume("2015 - 2020", "a while", "Summer 2021"), TODAY) == 5


def test_present_is_today():
    resume = _resume("Jan 2020 - Present")
    assert experience_years(resume, date(2021, 1, 1)) == 1
    assert experience_years(resume, date(2020, 12, 31)) is None


@given(
    spans=st.lists(st.tuples(st.integers(1990, 2025), st.integers(0, 12)), min_size=1, max_size=5)
)
def test_never_more_than_the_calendar_allows(spans):
    """The figure never exceeds the years from the earliest start to today, nor the sum
    of the spans: overlaps and gaps can only lower it."""
    years = [f"{start} - {min(start + length, 2026)}" for start, length in spans]
    found = experience_years(_resume(*years), TODAY) or 0
    earliest = min(start for start, _ in spans)
    assert found <= 2026 - earliest
    assert found <= sum(min(start + length, 2026) - start for start, length in spans)
