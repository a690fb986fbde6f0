"""Skill groups printed without a skills heading (issue #12): name, level, chips."""

from refleum.parsing.lines import read_lines
from refleum.parsing.local_parser import parse_resume
from refleum.parsing.sections import split_sections
from refleum.parsing.skill_groups import skill_groups


def test_name_level_and_chips_under_no_skills_title_are_skills():
    markdown = (
        "# Jane Doe\n\n## About\n\njane.doe@example.org\n\n## Frontend\n\nAdvanced\n\n"
        "## HTML SVG Typescript\n\n## Media\n\nMaster\n\n## JPEG PNG\n\n## Languages\n\n"
        "English\n"
    )
    sections = split_sections(read_lines(markdown))
    assert [section.kind for section in sections] == [
        "header",
        "summary",
        "skills",
        "languages",
    ]
    skills = parse_resume(markdown).data.additional.technicalSkills
    assert skills == ["HTML", "SVG", "Typescript", "JPEG", "PNG"]


def test_a_line_a_level_and_a_sentence_are_no_skill_group():
    lines = read_lines("Spanish\n\nFluent\n\nLived in Madrid for three years\n")
    assert skill_groups(lines) == {}
