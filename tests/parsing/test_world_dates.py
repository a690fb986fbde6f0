"""One date parser for the world's resumes: month names in en, es, fr, de, pt, it, nl,
numeric forms, open ends in every supported language, any dash or joining word.
``years`` stays a slice of the source: every expected value is a substring of its line."""

from __future__ import annotations

import pytest

from refleum.parsing.dates import ends_with_open_range, find_date_span, is_open_end
from refleum.parsing.lines import read_lines

RANGES = [
    # month names and abbreviations, with and without dots and accents
    ("Ingénieur | févr. 2019 – déc. 2021", "févr. 2019 – déc. 2021"),
    ("Entwickler, März 2018 - Dez. 2020", "März 2018 - Dez. 2020"),
    ("Mär 2018 – Okt 2020", "Mär 2018 – Okt 2020"),
    ("dez. 2015 – set. 2017", "dez. 2015 – set. 2017"),
    ("enero de 2019 – diciembre de 2020", "enero de 2019 – diciembre de 2020"),
    ("Janvier 2017 à Août 2019", "Janvier 2017 à Août 2019"),
    ("mei 2016 tot okt 2018", "mei 2016 tot okt 2018"),
    ("gennaio 2015 – settembre 2016", "gennaio 2015 – settembre 2016"),
    ("fevereiro 2014 até outubro 2015", "fevereiro 2014 até outubro 2015"),
    ("Jänner 2012 bis Mrz 2013", "Jänner 2012 bis Mrz 2013"),
    ("ene. 2010 a abr. 2011", "ene. 2010 a abr. 2011"),
    ("maart 2008 – mrt 2009", "maart 2008 – mrt 2009"),
    ("giu 2005 al lug 2006", "giu 2005 al lug 2006"),
    # numeric
    ("10/2022-05/2023", "10/2022-05/2023"),
    ("Analyst 2019/10 – 2021/03", "2019/10 – 2021/03"),
    ("10.2022 – 05.2023", "10.2022 – 05.2023"),
    # year first, then the month's name
    ("Data Analyst, Northwind | 2016-Mar - 2019-Sep", "2016-Mar - 2019-Sep"),
    ("2020/Jan – present", "2020/Jan – present"),
    ("01.10.2018 – 31.05.2020", "01.10.2018 – 31.05.2020"),
    ("2025.02–pres.", "2025.02–pres."),
    # every dash
    ("2019-2021", "2019-2021"),
    ("2019\u20132021", "2019\u20132021"),
    ("2019 \u2014 2021", "2019 \u2014 2021"),
    ("2019\u22122021", "2019\u22122021"),
    ("2019\u20102021", "2019\u20102021"),
    ("2019\u20112021", "2019\u20112021"),
    ("2019\u20122021", "2019\u20122021"),
    ("2019\u00ad2021", "2019\u00ad2021"),
    # open ends
    ("Nov 2019 to Till Date", "Nov 2019 to Till Date"),
    ("Jan 2020 - Present", "Jan 2020 - Present"),
    ("2020 – current", "2020 – current"),
    ("2020 – now", "2020 – now"),
    ("2020 – today", "2020 – today"),
    ("2020 to date", "2020 to date"),
    ("2020 – ongoing", "2020 – ongoing"),
    ("2020 – heute", "2020 – heute"),
    ("2020 – jetzt", "2020 – jetzt"),
    ("seit 03/2020 bis heute", "03/2020 bis heute"),
    ("2020 – actual", "2020 – actual"),
    ("2020 – actualidad", "2020 – actualidad"),
    ("2020 – presente", "2020 – presente"),
    ("2020 – hoy", "2020 – hoy"),
    ("2020 – aujourd'hui", "2020 – aujourd'hui"),
    ("2020 – aujourd\u2019hui", "2020 – aujourd\u2019hui"),
    ("2020 – à ce jour", "2020 – à ce jour"),
    ("2020 – en cours", "2020 – en cours"),
    ("desde 2019 – atual", "2019 – atual"),
    ("2020 – atualmente", "2020 – atualmente"),
    ("2020 – o momento", "2020 – o momento"),
    ("2020 – oggi", "2020 – oggi"),
    ("2020 – in corso", "2020 – in corso"),
    ("2020 – heden", "2020 – heden"),
    ("2020 – nu", "2020 – nu"),
]


@pytest.mark.parametrize(("line", "expected"), RANGES)
def test_ranges_are_found_exactly_as_written(line, expected):
    span = find_date_span(line, allow_single=False)
    assert span is not None, line
    assert span.text == expected
    assert line[span.start : span.end] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("seit 2020", "seit 2020"),
        ("desde 2019", "desde 2019"),
        ("depuis 2018", "depuis 2018"),
        ("Freiwillig seit Mai 2017", "seit Mai 2017"),
        ("Diplom, Juli 2014", "Juli 2014"),
    ],
)
def test_single_dates_and_since(line, expected):
    assert find_date_span(line).text == expected


@pytest.mark.parametrize(
    "line",
    [
        "Python 3.10 and Go 1.22",
        "Team of 12 - 15 people",
        "Mais de 20 projetos",  # "mais" is not "mai"
        "Grew revenue 2.5x",
        "Set up CI and out of hours support",
        "Postcode 10115 Berlin",
    ],
)
def test_look_alikes_are_not_ranges(line):
    assert find_date_span(line, allow_single=False) is None


@pytest.mark.parametrize("word", ["Present", "heute", "atual", "Till Date", "aujourd'hui"])
def test_an_open_end_alone_on_a_line(word):
    assert is_open_end(word)


def test_a_sentence_is_not_an_open_end():
    assert not is_open_end("Present results to the board")


def test_an_open_end_wrapped_onto_the_next_line_joins_its_range():
    assert ends_with_open_range("Senior Engineer, Acme | Jan 2020 –")
    lines = read_lines("Senior Engineer, Acme | Jan 2020 –\nPresent\n- Led the team\n")
    assert [line.kind for line in lines] == ["text", "bullet"]
    assert find_date_span(lines[0].text).text == "Jan 2020 – Present"


def test_a_line_after_a_complete_range_is_left_alone():
    lines = read_lines("Engineer | 2019 – 2021\nNow hiring\n")
    assert [line.text for line in lines] == ["Engineer | 2019 – 2021", "Now hiring"]


def test_two_years_alone_on_a_line_are_a_range_whose_dash_the_layout_drew():
    assert find_date_span("2011 2014").text == "2011 2014"
    # reversed, or a run of years: not a range
    assert find_date_span("2014 2011").text == "2014"
    assert find_date_span("2015 2016 2017").text == "2015"
    assert find_date_span("Chair in 2011 2014 cohort").text == "2011"
