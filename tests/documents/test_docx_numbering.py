"""DOCX numbering: which numbered paragraphs are list items, and which only look numbered."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from refleum.documents.extract import extract_markdown


def lines_of(document) -> list[str]:
    buffer = io.BytesIO()
    document.save(buffer)
    return extract_markdown(buffer.getvalue(), "docx").markdown.splitlines()


def _define_list(document, num_id: int, number_format: str, text: str) -> None:
    numbering = document.part.numbering_part.element
    abstract_id = 90 + num_id
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
            f'<w:lvl w:ilvl="0"><w:numFmt w:val="{number_format}"/>'
            f'<w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
        ),
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'
        )
    )


def _numbered(document, text: str, num_id: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def test_numbering_that_draws_no_marker_is_not_a_list():
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    _define_list(document, 41, "bullet", "\u2022")
    _define_list(document, 42, "none", "")
    _numbered(document, "Cut costs by 12%", 41)
    _numbered(document, "03/2019 - 05/2021", 42)  # a list styled "list-style: none"
    _numbered(document, "Northwind Traders", 0)  # numId 0: numbering removed
    assert lines_of(document)[-3:] == [
        "- Cut costs by 12%",
        "03/2019 - 05/2021",
        "Northwind Traders",
    ]


def test_a_list_item_continued_by_unmarked_paragraphs_holds_lines_not_a_bullet():
    # An HTML <li> holding a whole job: title, then dates and text without a marker.
    document = Document()
    document.add_paragraph("Jane Doe", style="Title")
    _define_list(document, 41, "bullet", "\u2022")
    _numbered(document, "Data Analyst, Northwind Traders", 41)
    _numbered(document, "Mar 2019 - May 2021", 0)
    _numbered(document, "Built the sales dashboards.", 0)
    _numbered(document, "Cut costs by 12%", 41)
    assert lines_of(document)[-4:] == [
        "Data Analyst, Northwind Traders",
        "Mar 2019 - May 2021",
        "Built the sales dashboards.",
        "- Cut costs by 12%",
    ]
