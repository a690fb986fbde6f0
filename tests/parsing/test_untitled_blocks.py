"""Blocks of dated degrees or jobs under a heading we cannot read."""

from __future__ import annotations

from refleum.analysis.grounding import ungrounded_values
from refleum.parsing.lines import read_lines
from refleum.parsing.local_parser import parse_resume
from refleum.parsing.sections import split_sections


def test_dated_blocks_under_an_unknown_heading_are_read_by_what_they_name():
    markdown = (
        "# Jean Martin\n\njean.martin@example.com\n\n## Douze ans de métier\n\n"
        "Juin 2008 BTS Comptabilité et gestion\n(Lycée technique Ville-Haute)\n"
        "Juin 2006 Baccalauréat économique\n\n"
        "2012 - 2020 Comptable principal\nCabinet Exemple SARL\n"
        "2008 - 2012 Assistant comptable\nCabinet Exemple SARL\n\n"
        "Lecture, randonnée, cuisine\n"
    )
    result = parse_resume(markdown)
    data = result.data
    assert [(e.degree, e.institution) for e in data.education] == [
        ("BTS Comptabilité et gestion", "Lycée technique Ville-Haute"),
        ("Baccalauréat économique", ""),
    ]
    assert [(j.title, j.company, j.years) for j in data.workExperience] == [
        ("Comptable principal", "Cabinet Exemple SARL", "2012 - 2020"),
        ("Assistant comptable", "Cabinet Exemple SARL", "2008 - 2012"),
    ]
    assert ungrounded_values(data, markdown) == []


def test_a_known_custom_heading_keeps_its_dated_lines():
    data = parse_resume(
        "# Jane Roe\n\n## Publications\n\n2019 A study of bread, Journal of Baking\n"
        "2020 Sourdough revisited, Journal of Baking\n"
    ).data
    assert data.workExperience == []
    assert data.education == []


def test_a_capitalised_line_after_a_joining_mark_is_no_heading():
    lines = read_lines(
        "## Douze ans de métier\n\n2000 - 2004 Teacher\nCity Council, Private schools NORTH &\n"
        "SOUTH ACADEMY\n"
    )
    assert [s.kind for s in split_sections(lines)] == ["header", "custom"]


def test_dated_blocks_in_a_page_with_no_heading_beside_vertical_title_letters():
    """Section titles set vertically in a margin come out as lone letters, some cut into
    the lines beside them ('c n | 2012 - 2020 …'): no heading is read, the dated blocks
    in the header are still the jobs."""
    markdown = (
        "# Jean Martin\n\njean.martin@example.com\n\n"
        "s\ne\nc n | 2012 - 2020 Comptable principal\ni | Cabinet Exemple SARL\n"
        "& | 2008 - 2012 Assistant comptable\nCabinet Exemple SARL\nE\n"
    )
    result = parse_resume(markdown)
    assert [(j.title, j.company, j.years) for j in result.data.workExperience] == [
        ("Comptable principal", "Cabinet Exemple SARL", "2012 - 2020"),
        ("Assistant comptable", "Cabinet Exemple SARL", "2008 - 2012"),
    ]
    assert result.data.personalInfo.email == "jean.martin@example.com"
