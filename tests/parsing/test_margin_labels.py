"""Section titles printed in a left margin, level with the first line of the section."""

from __future__ import annotations

from refleum.analysis.grounding import ungrounded_values
from refleum.parsing.lines import read_lines
from refleum.parsing.local_parser import parse_resume
from refleum.parsing.margin_labels import split_margin_labels

_MARGIN_TITLED = (
    "# Jane Roe\n\njane.roe@example.com\n\n"
    "Work Head Baker\nMar 2016 – Jun 2020\n\n"
    "- Ran the early shift\n\n"
    "Education Lakeside University\nBachelor in Food Science\nSep 2012 – Jun 2016\n\n"
    "Languages English\nNative speaker\n"
)


def test_margin_titles_open_their_sections():
    markdown = _MARGIN_TITLED
    result = parse_resume(markdown)
    data = result.data
    assert [(j.title, j.years) for j in data.workExperience] == [
        ("Head Baker", "Mar 2016 – Jun 2020")
    ]
    assert [(e.degree, e.institution) for e in data.education] == [
        ("Bachelor in Food Science", "Lakeside University")
    ]
    assert ungrounded_values(data, markdown) == []


def test_one_line_that_starts_with_a_title_word_is_content():
    """Only a document that titles several sections of different kinds in its margin is
    read that way: 'Education Nationale' under a date is an employer."""
    lines = read_lines(
        "## Experience\n\n2006 - 2010 Teacher\nEducation Nationale\n\n"
        "Education Lakeside University\n"
    )
    assert split_margin_labels(lines) == lines
