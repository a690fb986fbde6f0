"""Education entries (issue #12): which piece is the degree and which the school, in the
layouts real resumes use — dates in a margin before the degree, a school in parentheses,
a degree wrapped onto the next line, a labelled value, a place after the school."""

from __future__ import annotations

import pytest
from tests.parsing.entry_helpers import grouped_entries

from refleum.analysis.grounding import ungrounded_values
from refleum.parsing.education import read_education
from refleum.parsing.local_parser import parse_resume


def _schools(markdown: str) -> list[tuple[str, str, str]]:
    return [(e.degree, e.institution, e.years) for e in read_all(markdown)]


def read_all(markdown: str):
    return [read_education(entry, i) for i, entry in enumerate(grouped_entries(markdown))]


def test_date_led_degrees_each_start_an_entry_and_keep_their_school_below():
    """A margin date before each degree: a degree with no school of its own does not take
    the school line of the entry above it."""
    markdown = (
        "Mars 2012 BTS Comptabilité et gestion\n"
        "(Lycée technique Ville-Haute)\n"
        "Juin 2010 Baccalauréat économique\n"
        "Septembre 2008 Licence d'histoire\n"
        "(Université Ville-Nord)\n"
    )
    assert _schools(markdown) == [
        ("BTS Comptabilité et gestion", "Lycée technique Ville-Haute", "Mars 2012"),
        ("Baccalauréat économique", "", "Juin 2010"),
        ("Licence d'histoire", "Université Ville-Nord", "Septembre 2008"),
    ]


@pytest.mark.parametrize(
    "markdown",
    [
        # the school on a line of its own, in parentheses
        "Mai 2015 Certificat de compétences, Informatique\nNiveau avancé\n(IUT Ville-Sud)\n",
        # the school run onto the end of the wrapped degree
        "Mai 2015\nCertificat de compétences, Informatique\nNiveau avancé(IUT Ville-Sud)\n",
    ],
)
def test_a_degree_wrapped_before_its_parenthesised_school_is_one_degree(markdown):
    assert _schools(markdown) == [
        (
            "Certificat de compétences, Informatique Niveau avancé",
            "IUT Ville-Sud",
            "Mai 2015",
        )
    ]


def test_a_parenthesised_school_wrapped_across_two_lines():
    assert _schools("Juin 2001\nLicence d'économie appliquée (Université\nVille Nord)\n") == [
        ("Licence d'économie appliquée", "Université Ville Nord", "Juin 2001")
    ]


def test_parentheses_that_name_no_school_stay_in_the_degree():
    assert _schools("Master of Laws (cum laude), Northfield Law School | 2012")[0][:2] == (
        "Master of Laws (cum laude)",
        "Northfield Law School",
    )


def test_a_labelled_degree_is_read_without_its_label():
    assert _schools("Abschluss: Diplom-Kauffrau (FH).\n") == [("Diplom-Kauffrau (FH)", "", "")]
    assert _schools("Degree: BSc Nursing\nSchool: Riverside College\n2014 – 2017\n") == [
        ("BSc Nursing", "Riverside College", "2014 – 2017")
    ]


def test_a_place_closed_by_a_full_stop_after_the_school_is_not_its_name():
    """'School, City. Dates' as LaTeX classes print it; a campus after a comma with no stop
    ('University of California, Berkeley') stays in the name."""
    markdown = (
        "## Education\n\n"
        "- Evening course: Spanish\n"
        "Riverside Language School, Springfield. March 2018 – June 2019\n"
        "Reached level B1 in Spanish.\n\n"
        "- Master of Arts in Linguistics\n"
        "University, Springfield. September 2012 – June 2014\n"
        "A thesis on the sounds of the Iberian languages.\n"
    )
    result = parse_resume(markdown)
    assert [(e.degree, e.institution, e.years) for e in result.data.education] == [
        ("Evening course: Spanish", "Riverside Language School", "March 2018 – June 2019"),
        ("Master of Arts in Linguistics", "University", "September 2012 – June 2014"),
    ]
    assert ungrounded_values(result.data, markdown) == []


def _parsed(markdown: str) -> list[tuple[str, str, str]]:
    result = parse_resume(markdown)
    assert ungrounded_values(result.data, markdown) == []
    return [(e.degree, e.institution, e.years) for e in result.data.education]


def test_a_school_set_as_a_bold_heading_under_education_is_an_entry_line():
    markdown = (
        "## Education\n\n## Lakeside University\n\n## 09/2010 - 06/2014\n\n"
        "## Bachelor Applied Physics\n\n## Skills\n\nPython\n"
    )
    assert _parsed(markdown) == [
        ("Bachelor Applied Physics", "Lakeside University", "09/2010 - 06/2014")
    ]


def test_a_school_and_its_degree_set_apart_by_a_blank_line_are_one_school():
    # the school in bold above, the degree and dates after a blank line
    assert _parsed(
        "## Education\n\nLakeside University\n\nMaster in Applied Physics\nSep 2014 – Jun 2016\n"
    ) == [("Master in Applied Physics", "Lakeside University", "Sep 2014 – Jun 2016")]
    # the school with its dates, then the field and the degree after a blank line: the
    # second degree word is no school
    assert _parsed(
        "## Education\n\nLakeside University | 2014-09-01 — 2016-06-01\n\nApplied Physics\nMaster\n"
    ) == [("Applied Physics", "Lakeside University", "2014-09-01 — 2016-06-01")]


def test_lines_under_a_school_that_name_no_degree_are_not_joined_to_it():
    assert _parsed(
        "## Education\n\nLakeside University\n\nRowing Team captain\nChess Club\n\n"
        "Riverside College\nBachelor of Arts in History\n"
    )[-1] == ("Bachelor of Arts in History", "Riverside College", "")


def test_dates_in_a_cell_above_a_school_exported_as_a_list():
    """A DOCX export: the years in a cell of their own (its dash dropped), the school in
    bold, then the degree and the courses as list items."""
    markdown = (
        "## Education\n\n- 2010 2014\n\n## Lakeside University\n\n"
        "- Bachelor\n- Applied Physics\n- Courses\n"
    )
    assert [(d, i) for d, i, _ in _parsed(markdown)] == [("Bachelor", "Lakeside University")]


def test_labelled_notes_are_neither_school_nor_degree():
    (school,) = read_all("Riverside College\nGPA: 3.9/4.0\n2014 – 2017\n")
    assert (school.degree, school.institution) == ("", "Riverside College")
    assert school.description == "GPA: 3.9/4.0"


@pytest.mark.parametrize(
    "markdown, degree",
    [
        # Degree and subject joined by a comma, either way round, the school on its own line.
        ("Master, Marine Biology\nCoastal State University\n2015 - 2017", "Master, Marine Biology"),
        ("Coastal State University\nMarine Biology, Master\n2015 - 2017", "Marine Biology, Master"),
        # Joined by a dash, with a grade after them that is no part of the degree.
        (
            "Coastal State University\nJun 2015 - May 2017\nMaster - Marine Biology GPA: 3.9",
            "Master - Marine Biology",
        ),
        (
            "Master - Marine Biology\nCoastal State University | 2015 - 2017",
            "Master - Marine Biology",
        ),
        (
            "Coastal State University | 2015 - 2017\nMaster: Marine Biology (3.9)",
            "Master: Marine Biology",
        ),
    ],
)
def test_a_degree_printed_with_its_subject_is_one_degree(markdown, degree):
    ((got_degree, school, _),) = _schools(markdown)
    assert (got_degree, school) == (degree, "Coastal State University")


def test_a_dash_before_a_numbered_level_does_not_join_it_to_the_degree():
    ((degree, _, _),) = _schools("Master of Arts - Level 7\nCoastal State University")
    assert degree == "Master of Arts"


def test_a_grade_after_the_school_is_not_part_of_its_name():
    ((degree, school, _),) = _schools(
        "Marine Biology, Master\n2015 - 2017\nCoastal State University, GPA: 3.9"
    )
    assert (degree, school) == ("Marine Biology, Master", "Coastal State University")


def test_a_degree_exported_as_a_list_item_loses_its_grade():
    ((degree, school, _),) = _schools("Coastal State University\n- Master: Marine Biology (3.9)\n")
    assert (degree, school) == ("Master: Marine Biology", "Coastal State University")
