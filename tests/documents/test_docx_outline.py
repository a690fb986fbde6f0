"""DOCX outline levels: section titles are headings, deeper headings are entry lines."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from refleum.documents.extract import extract_markdown


def lines_of(document) -> list[str]:
    buffer = io.BytesIO()
    document.save(buffer)
    return extract_markdown(buffer.getvalue(), "docx").markdown.splitlines()


def _outline(style, value: int) -> None:
    style.element.get_or_add_pPr().append(
        parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="{value}"/>')
    )


def test_headings_below_the_section_level_are_entry_lines():
    # An HTML theme converted to DOCX: h3 sections, h4 employer, h5 dates, h6 email.
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    document.add_paragraph("jane@example.com", style="Heading 6")
    document.add_paragraph("Experience", style="Heading 3")
    document.add_paragraph("Northwind Traders", style="Heading 4")
    document.add_paragraph("03/2019 - 05/2021", style="Heading 5")
    document.add_paragraph("Data Analyst")
    document.add_paragraph("Education", style="Heading 3")
    document.add_paragraph("State University", style="Heading 4")
    lines = lines_of(document)
    assert "## Experience" in lines and "## Education" in lines
    job = lines.index("### Northwind Traders")
    # kept inside the block: a sub-heading never opens a section of its own
    assert lines[job : job + 3] == [
        "### Northwind Traders",
        "### 03/2019 - 05/2021",
        "Data Analyst",
    ]
    assert "### jane@example.com" in lines and "### State University" in lines


def test_outline_level_decides_over_the_style_name():
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    # A style named like a heading but marked body text (outline level 9) ...
    body = document.styles.add_style("Heading 4.bold", WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = document.styles["Heading 4"]
    _outline(body, 9)
    # ... and a house style with no heading name that sits in the outline.
    section = document.styles.add_style("Section Title", WD_STYLE_TYPE.PARAGRAPH)
    _outline(section, 1)
    document.add_paragraph("Skills", style="Section Title")
    document.add_paragraph("Data tools", style="Heading 4.bold")
    document.add_paragraph("SQL, Python")
    lines = lines_of(document)
    assert "## Skills" in lines
    assert "Data tools" in lines and "### Data tools" not in lines


def test_a_section_word_in_body_type_is_a_label_where_sections_are_outline_headings():
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    document.add_paragraph("Experience", style="Heading 2")
    document.add_paragraph("Data Analyst")
    document.add_paragraph("Highlights")
    document.add_paragraph("Cut costs by 12%", style="List Bullet")
    lines = lines_of(document)
    assert lines[-3:] == ["Data Analyst", "### Highlights", "- Cut costs by 12%"]


def test_a_section_word_in_body_type_stays_plain_without_outline_headings():
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    document.add_paragraph("Skills")
    document.add_paragraph("SQL, Python")
    assert lines_of(document)[-2:] == ["Skills", "SQL, Python"]


def _list_item(paragraph, num_id: int = 1) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def test_headings_above_the_section_level_past_the_name_are_body_text():
    # An HTML page converted by LibreOffice: sections in "Heading 3", every other paragraph
    # of the block (contact, role, dates, list items) left in "Heading 1".
    document = Document()
    document.add_paragraph("Jane Doe", style="Heading 1")
    document.add_paragraph("Phone: (555) 123-4567", style="Heading 1")
    document.add_paragraph("Experience", style="Heading 3")
    document.add_paragraph("Northwind Traders", style="Heading 3")
    document.add_paragraph("Data Analyst", style="Heading 1")
    document.add_paragraph("2019 - 2021", style="Heading 1")
    _list_item(document.add_paragraph("Cut reporting time by half", style="Heading 1"))
    document.add_paragraph("Education", style="Heading 3")
    document.add_paragraph("Skills", style="Heading 3")
    lines = [line for line in lines_of(document) if line]
    assert lines[:2] == ["# Jane Doe", "Phone: (555) 123-4567"]
    job = lines.index("Data Analyst")
    assert lines[job : job + 3] == ["Data Analyst", "2019 - 2021", "- Cut reporting time by half"]
