"""DOCX: body and tables in document order, merged cells once, headers, text boxes."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from tests.documents.corpus_files import CORPUS
from tests.documents.hostile_files import replace_part, simple_docx

from refleum.documents.extract import extract_markdown


def lines_of(document) -> list[str]:
    buffer = io.BytesIO()
    document.save(buffer)
    return extract_markdown(buffer.getvalue(), "docx").markdown.splitlines()


def corpus_lines(name: str) -> list[str]:
    return extract_markdown((CORPUS / name).read_bytes(), "docx").markdown.splitlines()


def test_styles_give_title_headings_and_bullets():
    lines = corpus_lines("amara_okafor_teacher.docx")
    assert lines[0] == "# Amara Okafor"
    assert "## Work Experience" in lines
    assert "- Raised WAEC mathematics credit pass rate from 61% to 84%" in lines


def test_layout_table_is_read_cell_by_cell_with_nested_rows_joined():
    lines = corpus_lines("bjorn_lindqvist_software.docx")
    sidebar = lines.index("bjorn@lindqvist.dev")
    assert lines[sidebar : sidebar + 2] == ["bjorn@lindqvist.dev", "+46 70 123 45 67"]
    assert sidebar < lines.index("## Summary")
    job = lines.index("Senior Backend Engineer — Klarna, Stockholm | Jan 2020 – Present")
    # python-docx puts an empty paragraph after a nested table: one blank line at most
    assert "- Scaled the refunds API to 4,500 requests per second" in lines[job + 1 : job + 3]


def test_page_header_and_merged_cells_are_read_once():
    lines = corpus_lines("carlos_mendes_pharmacist.docx")
    assert lines[0] == "# Carlos Mendes"
    assert lines.count("## Professional Experience") == 1
    assert "- Reviewed 70 medication charts a day on internal medicine wards" in lines


def test_tab_stop_dates_join_with_a_bar():
    lines = corpus_lines("francois_lefevre_chef.docx")
    assert "Maison Pic / Sous Chef | 2014 – 2019" in lines
    assert "## EXPERIENCE" in lines


def test_nested_tables_vertical_merges_and_line_breaks():
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    outer = document.add_table(rows=2, cols=2)
    merged = outer.cell(0, 0).merge(outer.cell(1, 0))
    merged.text = "Skills\nPython, SQL"
    inner = outer.cell(0, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Analyst — Acme"
    inner.cell(0, 1).text = "2019–2021"
    outer.cell(1, 1).text = "\uf0b7 Cut costs by 12%"
    lines = lines_of(document)
    assert lines.count("Skills") == 1 and "Python, SQL" in lines
    assert "Analyst — Acme | 2019–2021" in lines
    assert "- Cut costs by 12%" in lines


def test_text_boxes_are_read_once():
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    host = document.add_paragraph()
    box = parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml">'
        "<w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>jane@example.com</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    host._p.append(box)
    assert lines_of(document).count("jane@example.com") == 1


def test_empty_paragraphs_separate_blocks():
    document = Document()
    for text in ("Jane Doe", "Line one", "", "", "Line two"):
        document.add_paragraph(text)
    assert lines_of(document) == ["# Jane Doe", "", "Line one", "", "Line two"]


def test_first_page_header_is_read_once_when_it_differs_from_the_default():
    document = Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Jane Doe"
    section.header.paragraphs[0].text = "Jane Doe"
    document.add_paragraph("Experience", style="Heading 1")
    lines = lines_of(document)
    assert lines[0] == "# Jane Doe"
    assert lines.count("Jane Doe") == 0 and "## Experience" in lines


def test_page_count_comes_from_the_app_properties():
    app = (
        b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/extended-properties"><Pages>3</Pages></Properties>'
    )
    data = replace_part(simple_docx("Jane Doe", "Engineer"), "docProps/app.xml", app)
    assert extract_markdown(data, "docx").pages == 3


def test_line_breaks_split_plain_paragraphs_but_not_list_items():
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    document.add_paragraph("Acme Corp\nBerlin")
    document.add_paragraph("Led the migration\nof billing", style="List Bullet")
    lines = lines_of(document)
    assert lines[-3:] == ["Acme Corp", "Berlin", "- Led the migration of billing"]


def test_a_typed_bullet_and_tab_become_a_list_item():
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    document.add_paragraph("\u2022\tLed the team of 4")
    document.add_paragraph("Analyst — Acme\t\t2019 – 2021")
    assert lines_of(document)[-2:] == ["- Led the team of 4", "Analyst — Acme | 2019 – 2021"]


def test_without_a_title_style_the_first_line_with_letters_is_the_name():
    document = Document()
    document.sections[0].header.paragraphs[0].text = "1"
    document.add_paragraph("Jane Doe")
    document.add_paragraph("Analyst at Acme since 2019")
    assert lines_of(document)[:3] == ["# Jane Doe", "", "1"]
