import pytest

from refleum.parsing.dates import find_date_span, remove_span


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Senior Engineer, Acme | Jan 2020 – Present", "Jan 2020 – Present"),
        ("2019–2021", "2019–2021"),
        ("03/2018 - 05/2020", "03/2018 - 05/2020"),
        ("Intern at Bosch, Summer 2019", "Summer 2019"),
        ("2015 – 2018", "2015 – 2018"),
        ("Sept. 2017 to June 2019", "Sept. 2017 to June 2019"),
        ("2020-01 – 2021-03", "2020-01 – 2021-03"),
        ("September 2012 — Current", "September 2012 — Current"),
        ("03.2018 – 04/21", "03.2018 – 04/21"),
        ("BSc Physics, 2014", "2014"),
        ("Volunteer since 2012.", "since 2012"),
    ],
)
def test_dates_are_found_exactly_as_written(line, expected):
    span = find_date_span(line)
    assert span is not None and span.text == expected
    assert line[span.start : span.end] == expected


@pytest.mark.parametrize("line", ["Python 3.10 and Go 1.22", "Managed 2000 accounts!", ""])
def test_numbers_that_are_not_dates_are_not_ranges(line):
    assert find_date_span(line, allow_single=False) is None


def test_python_version_is_not_a_date():
    assert find_date_span("Python 3.10 expert") is None


def test_a_range_is_preferred_over_a_lone_year_earlier_in_the_line():
    assert find_date_span("Class of 2010 mentor | 2015 – 2018").text == "2015 – 2018"


def test_single_dates_can_be_refused():
    assert find_date_span("BSc Physics, 2014", allow_single=False) is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Engineer — Acme | Jan 2020 – Present", "Engineer — Acme"),
        ("Stockholm, Jan 2020 – Present", "Stockholm"),
        ("Acme | 2019 – 2020 | Remote", "Acme | Remote"),
        ("2019 – 2020", ""),
        ("Mar 2017 - Dec 2019 (2 years 10 months) | Remote", "Remote"),
        ("January 2020 - Present (4 yrs 2 mos)", ""),
        # A theme's "• a year" / "• 3 years" after the span is its length, not content.
        ("March 2016 — April 2017 • a year", ""),
        ("2011 — 2014 • 3 years", ""),
        ("2019 – 2021 • Annual report", "Annual report"),
    ],
)
def test_removing_the_date_trims_the_separator_it_leaves(line, expected):
    assert remove_span(line, find_date_span(line)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # years before 1900, written as a range or after "since"
        ("1848–1851 | Law Degree, Some University", "1848–1851"),
        ("since 1862 | Novelist, Some Publisher", "since 1862"),
        # the end year shortened to two digits
        ("1577–78 | Apprentice", "1577–78"),
        ("Tutor, 2019-20", "2019-20"),
        # two months sharing one year
        ("April to May 1581", "April to May 1581"),
        ("Intern, June – August 2019", "June – August 2019"),
        # ISO dates, as JSON Resume themes print them
        ("Some Company | 2013-12-01 — 2014-12-01", "2013-12-01 — 2014-12-01"),
        ("2013/12/01 - 2014/12/01", "2013/12/01 - 2014/12/01"),
        # a year and a month keep reading as one point
        ("Jan 2019 - 2020-01", "Jan 2019 - 2020-01"),
        ("2020-01", "2020-01"),
    ],
)
def test_historical_short_iso_and_shared_year_ranges(line, expected):
    span = find_date_span(line)
    assert span is not None and span.text == expected


@pytest.mark.parametrize(
    "line",
    [
        "Served 1200-1500 customers a day",  # a quantity: a span longer than a working life
        "Grew the list from 1500 members",  # an old year alone is a number
        "Sold 1500 units",
        "Served 1850-1600 guests",  # a span that runs backwards
    ],
)
def test_numbers_below_1900_are_not_dates(line):
    assert find_date_span(line) is None
