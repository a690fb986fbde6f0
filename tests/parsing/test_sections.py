import pytest

from refleum.parsing.lines import read_lines
from refleum.parsing.sections import section_kind, split_sections


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Experience", "experience"),
        ("Work History", "experience"),
        ("Employment", "experience"),
        ("PROFESSIONAL EXPERIENCE", "experience"),
        ("Work Experience", "experience"),
        ("Education", "education"),
        ("Education & Training", "education"),
        ("Education and Training", "education"),
        ("Skills", "skills"),
        ("Technical Skills", "skills"),
        ("Core Competencies", "skills"),
        ("Projects", "projects"),
        ("Selected Projects", "projects"),
        ("Personal Projects", "projects"),
        ("Certifications", "certifications"),
        ("Licenses", "certifications"),
        ("Licenses & Certifications", "certifications"),
        ("Awards", "awards"),
        ("Honors", "awards"),
        ("Languages", "languages"),
        ("Summary", "summary"),
        ("Profile", "summary"),
        ("About", "summary"),
        ("Professional Summary", "summary"),
        ("Contact", "contact"),
        ("Skills:", "skills"),
    ],
)
def test_section_synonyms(title, kind):
    assert section_kind(title.rstrip(":")) == kind


def test_unknown_titles_are_not_standard_sections():
    assert section_kind("Acme Corp") is None


def _kinds(markdown: str) -> list[tuple[str, str]]:
    return [(s.kind, s.title) for s in split_sections(read_lines(markdown))]


def test_marked_and_plain_headings_both_start_sections():
    markdown = "# Jane\n## Summary\nHi\nWORK HISTORY\nDev — Acme\nEducation:\nMIT\n"
    assert _kinds(markdown) == [
        ("header", ""),
        ("summary", "Summary"),
        ("experience", "WORK HISTORY"),
        ("education", "Education"),
    ]


def test_unknown_marked_heading_is_a_custom_section():
    assert _kinds("# Jane\n## Publications\n- Paper\n## Side Quests\n- Thing\n")[1:] == [
        ("custom", "Publications"),
        ("custom", "Side Quests"),
    ]


def test_plain_all_caps_line_after_content_is_a_heading_but_not_first_in_section():
    markdown = "# Jane\n## Certifications\nCSWP\n\nPRO BONO\nCounsel for a clinic.\n"
    sections = split_sections(read_lines(markdown))
    assert [(s.kind, s.title) for s in sections[1:]] == [
        ("certifications", "Certifications"),
        ("custom", "PRO BONO"),
    ]
    assert sections[1].lines[0].text == "CSWP"


def test_bold_entry_promoted_to_heading_stays_inside_experience():
    markdown = "## Experience\n## Acme Corp | 2019 – 2021\n- Built it\n## Education\nMIT\n"
    sections = split_sections(read_lines(markdown))
    assert [s.kind for s in sections] == ["header", "experience", "education"]
    assert sections[1].lines[0].text == "Acme Corp | 2019 – 2021"


def test_name_below_a_sidebar_opens_a_new_header():
    markdown = "## Contact\njane@x.com\n## Skills\nGo\n\n# Jane Doe\nEngineer\n## Summary\nHi\n"
    assert [s.kind for s in split_sections(read_lines(markdown))] == [
        "header",
        "contact",
        "skills",
        "header",
        "summary",
    ]


def test_caps_name_and_headline_stay_in_the_header():
    assert _kinds("JOHN SMITH\nSENIOR ENGINEER\njohn@x.org\n\nEXPERIENCE\nDev — Acme\n") == [
        ("header", ""),
        ("experience", "EXPERIENCE"),
    ]


def test_caps_employer_inside_experience_is_an_entry_line():
    markdown = (
        "## Experience\nEngineer | 2019 – 2021\n- Built\n\nACME CORP\n"
        "Engineer | 2015 – 2019\n- Ran\n\nSIDE QUESTS\nTutor at a school\n"
    )
    sections = split_sections(read_lines(markdown))
    assert [(s.kind, s.title) for s in sections] == [
        ("header", ""),
        ("experience", "Experience"),
        ("custom", "SIDE QUESTS"),
    ]
    assert any(line.text == "ACME CORP" for line in sections[1].lines)


def test_bold_employer_heading_followed_by_title_and_dates_stays_in_experience():
    markdown = (
        "## Experience\n## Acme Corp\nSenior Engineer\n2019 – 2021\n- Built\n"
        "## Publications\n- Paper\n"
    )
    assert _kinds(markdown) == [
        ("header", ""),
        ("experience", "Experience"),
        ("custom", "Publications"),
    ]


@pytest.mark.parametrize(
    "markdown",
    [
        # A tagline under the name, set as a heading, above the contact lines.
        "# Jane Doe\n\n## Data Engineer\n\njane@x.org\n(555) 123-4567\n\n## Experience\n",
        # The name set as a heading under a tagline or an icon.
        "# Teacher of Physics\n\n## John SMITH\n\n3 Main St\nTel. 05 56 31 32 33\n\n## Education\n",
        # Two such headings, after a web page's navigation bullets.
        "# Skip to content\n\n- About\n- Work\n\n## Jane Doe\n\n## Data Engineer\n\n"
        "jane@x.org\n\n## Experience\n",
        # A summary paragraph under the tagline before the contact lines.
        "# Jane Doe\n\n## Data Engineer\n\n" + "I build data systems.\n" * 7 + "\njane@x.org\n",
    ],
)
def test_heading_at_the_top_whose_block_holds_contacts_stays_in_the_header(markdown):
    sections = split_sections(read_lines(markdown))
    assert sections[0].kind == "header"
    header_text = " ".join(line.text for line in sections[0].lines)
    assert "jane@x.org" in header_text or "Tel." in header_text
    assert all(section.kind != "custom" for section in sections)


def test_heading_at_the_top_without_contacts_is_still_a_section():
    sections = split_sections(read_lines("# Jane Doe\n\n## Volunteering\n\nFood bank helper\n"))
    assert [section.kind for section in sections] == ["header", "custom"]


def test_contact_detail_set_as_a_heading_is_not_a_section():
    sections = split_sections(read_lines("# Jane Doe\n\n## About\n\n## jane@x.org\n\nI code.\n"))
    assert [section.kind for section in sections] == ["header", "summary"]
    assert "jane@x.org" in [line.text for line in sections[1].lines]


def test_category_headings_inside_a_skills_list_stay_in_it():
    sections = split_sections(
        read_lines(
            "## Skills\n\n## Web\n\n- Rust\n- Go\n\n## Data\n\n- SQL\n\n"
            "## Volunteering\n\nMentor, Code Club | 2019 - 2020\n"
        )
    )
    assert [section.kind for section in sections] == ["header", "skills", "custom"]
    skills = [(line.kind, line.text) for line in sections[1].lines if line.kind != "blank"]
    assert skills == [
        ("heading", "Web"),
        ("bullet", "Rust"),
        ("bullet", "Go"),
        ("heading", "Data"),
        ("bullet", "SQL"),
    ]


def test_an_acronym_in_a_skills_list_is_no_heading():
    sections = split_sections(read_lines("## Skills\n\nWeb\n\nHTML\n\nCSS\n"))
    assert [section.kind for section in sections] == ["header", "skills"]


def test_a_plain_section_word_inside_an_entry_is_a_label_when_headings_are_typeset():
    # Issue #12: "Highlights" in body type over a job's list, in a document whose section
    # titles the extractor marked (##) by their look, names the list, not a section.
    markdown = (
        "# Jane Doe\n\n## Experience\n\nSite Engineer\nPlanned the pours.\n\nHighlights\n\n"
        "Opened two bridges\n\n## Education\n\nCity Polytechnic\n\n## Skills\n\nSurveying\n"
    )
    kinds = [section.kind for section in split_sections(read_lines(markdown))]
    assert kinds == ["header", "experience", "education", "skills"]
    # Without typeset headings a plain known title is all the document offers.
    plain = markdown.replace("## ", "")
    assert "summary" in [section.kind for section in split_sections(read_lines(plain))]


def test_a_sub_heading_labels_content_but_never_opens_a_section():
    # "### Courses" under a degree is part of the entry although "Courses" names a section.
    sections = split_sections(
        read_lines(
            "## Education\n\n### Lakeside College\nBSc Physics\n2011 - 2015\n"
            "### Courses\n- Optics\n\n## Skills\n\n### Web\n- HTML\n"
        )
    )
    assert [section.kind for section in sections] == ["header", "education", "skills"]
    education = [(line.kind, line.text) for line in sections[1].lines if line.kind != "blank"]
    assert education[:2] == [("text", "Lakeside College"), ("text", "BSc Physics")]
    assert ("bullet", "Optics") in education
    assert "Courses" not in [text for _, text in education]  # a label, never the degree
    assert ("heading", "Web") in [(line.kind, line.text) for line in sections[2].lines]


def test_a_skill_group_with_its_level_opens_the_skills_list_without_a_skills_heading():
    # A theme that titles each group and gives its level, every skill in heading type.
    sections = split_sections(
        read_lines(
            "# Jane Doe\n\n## About\n\n### jane@example.com\n\n"
            "## Data Engineering\n\n### Advanced\n### Spark\n### Kafka\n\n"
            "## Analysis\n\n### Intermediate\n### Pandas\n\n## Interests\n\nChess\n"
        )
    )
    assert [section.kind for section in sections] == ["header", "summary", "skills", "custom"]
    skills = [(line.kind, line.text) for line in sections[2].lines if line.kind != "blank"]
    assert ("text", "Spark") in skills and ("text", "Pandas") in skills
    assert ("heading", "Analysis") in skills  # the second group's title stays a label


def test_a_heading_over_dated_lines_is_no_skill_group():
    sections = split_sections(
        read_lines("## Experience\n\n## Northwind Traders\n\nAdvanced\n2019 - 2021\n")
    )
    assert [section.kind for section in sections] != ["header", "experience", "skills"]
    assert all(section.kind != "skills" for section in sections)
