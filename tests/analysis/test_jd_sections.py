"""A job description's lines and the section each one falls under."""

import pytest

from refleum.analysis.jd_sections import Section, heading_section, split_sections


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("Requirements", Section.REQUIRED),
        ("## What You'll Need", None),  # markdown is cleaned before heading detection
        ("Preferred Qualifications", Section.PREFERRED),
        ("Bonus points", Section.PREFERRED),
        ("Responsibilities:", Section.RESPONSIBILITIES),
        ("About Acme", Section.OTHER),
        ("About you", Section.REQUIRED),
        ("You will build APIs", None),
        ("Experience with Kafka: streaming", None),
    ],
)
def test_heading_detection(line, section):
    found = heading_section(line)
    assert (found[0] if found else None) == section


def test_markdown_headings_and_bullets_are_cleaned():
    lines = split_sections("## What You'll Need\n* **Python** experience\n1. SQL")
    assert [(line.text, line.section, line.is_bullet) for line in lines] == [
        ("Python experience", Section.REQUIRED, True),
        ("SQL", Section.REQUIRED, True),
    ]
