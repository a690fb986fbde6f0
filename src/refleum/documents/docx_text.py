"""DOCX bytes -> extracted-text markdown, walking body, tables, headers and text boxes.

``Document.paragraphs`` alone misses table-based layouts, so the body is walked in
document order and tables are entered recursively. A table row of single-line cells
(title | dates) is one line; a layout table (sidebar | main) is read cell by cell.
"""

from __future__ import annotations

import re
from io import BytesIO

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from refleum.documents.docx_numbering import Numbering
from refleum.documents.docx_outline import demote_entry_headings, paragraph_level, style_level
from refleum.documents.errors import ExtractionFailed
from refleum.documents.markdown import BREAK, Line, render
from refleum.documents.pdf_glyphs import is_icon_font
from refleum.documents.result import ExtractedText
from refleum.documents.sections import is_section_word
from refleum.documents.text_budget import TextBudget
from refleum.documents.text_clean import clean, is_lone_bullet, strip_bullet

_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def extract_docx(data: bytes, budget: TextBudget | None = None) -> ExtractedText:
    try:
        document = Document(BytesIO(data))
    except Exception as exc:  # python-docx raises zip, key and XML errors alike
        raise ExtractionFailed("The DOCX is damaged and could not be read") from exc
    walker = _Walker(budget or TextBudget(), Numbering(document))
    for header in _headers(document):
        walker.block(header._element, header)
    walker.add(BREAK)
    walker.block(document.element.body, document)
    markdown = render(_title_first(demote_entry_headings(walker.lines)))
    if not markdown.strip():
        raise ExtractionFailed("The DOCX contains no text")
    return ExtractedText(markdown=markdown, warnings=[], pages=_page_count(document))


def _visible_text(paragraph: Paragraph) -> str:
    """The paragraph's text without runs set in an icon font (a "z" that draws a phone)."""
    if not any(_in_icon_font(run) for run in paragraph.runs):
        return paragraph.text
    return "".join(
        item.text
        for item in paragraph.iter_inner_content()
        if not (isinstance(item, Run) and _in_icon_font(item))
    )


def _in_icon_font(run: Run) -> bool:
    return is_icon_font(run.font.name or "")


def _page_count(document) -> int:
    """Pages as Word last counted them (docProps/app.xml); 1 when nobody counted."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            found = re.search(rb"<Pages>(\d{1,4})</Pages>", part.blob)
            return max(1, int(found.group(1))) if found else 1
    return 1


def _headers(document) -> list:
    """Page headers with their own content: résumés often put name and contact there."""
    headers = []
    for section in document.sections:
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        headers.append(section.header)
    unique, seen = [], set()
    for header in headers:
        text = "\n".join(p.text for p in header.paragraphs)
        if not header.is_linked_to_previous and text not in seen:  # same text twice: read once
            seen.add(text)
            unique.append(header)
    return unique


class _Walker:
    def __init__(self, budget: TextBudget, numbering: Numbering) -> None:
        self.lines: list[Line] = []
        self.budget = budget
        self.numbering = numbering
        self.style_names: dict[str | None, str] = {}
        self.style_levels: dict[str | None, int] = {}
        # lxml elements themselves, not id(): a proxy's id is reused once it is freed.
        self.seen_cells: set = set()

    def style_name(self, paragraph: Paragraph) -> str:
        # Cached per style id: python-docx finds a paragraph's style (the default one
        # included) by scanning every style in the document, ~3 ms a paragraph.
        style_id = paragraph._p.style
        if style_id not in self.style_names:
            style = paragraph.style
            self.style_names[style_id] = (style.name if style is not None else "") or ""
        return self.style_names[style_id]

    def level(self, paragraph: Paragraph) -> int:
        """Outline level of the paragraph (0 = body text), cached per style like its name."""
        style_id = paragraph._p.style
        if style_id not in self.style_levels:
            self.style_levels[style_id] = style_level(paragraph.style)
        return paragraph_level(paragraph._p, self.style_levels[style_id])

    def kind(self, paragraph: Paragraph, text: str, level: int) -> str:
        style = self.style_name(paragraph)
        if style == "Title":
            return "title"
        if level:
            return "heading"
        if style.startswith("List") or self.numbering.is_list_item(paragraph._p):
            return "bullet"
        if _looks_like_heading(paragraph, text):
            return "heading"
        return "text"

    def add(self, line: Line) -> None:
        self.budget.spend(line.text)  # stops a document far past a resume's size early
        self.lines.append(line)

    def block(self, element, parent) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                self.paragraph(Paragraph(child, parent))
            elif child.tag == qn("w:tbl"):
                self.table(Table(child, parent))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.block(content, parent)

    def paragraph(self, paragraph: Paragraph) -> None:
        text = _visible_text(paragraph)
        level = self.level(paragraph)
        kind = self.kind(paragraph, text, level)
        if kind == "bullet":  # a manual line break inside a list item is still one item
            text = " ".join(text.split("\n"))
        for part in text.split("\n"):
            cells = [cell for cell in (clean(c) for c in part.split("\t")) if cell]
            if len(cells) > 1 and is_lone_bullet(cells[0]):  # "•<tab>Led the team"
                cells[:2] = [f"{cells[0]} {cells[1]}"]
            line = " | ".join(cells)
            if line:
                self.add(_line(kind, line, level, listed=bool(level) and self._listed(paragraph)))
        if not text.strip() and not self._text_boxes(paragraph):
            self.add(BREAK)
        self._text_boxes(paragraph, walk=True)

    def _listed(self, paragraph: Paragraph) -> bool:
        return self.numbering.is_list_item(paragraph._p)

    def _text_boxes(self, paragraph: Paragraph, walk: bool = False) -> bool:
        boxes = [
            box
            for box in paragraph._p.iter(qn("w:txbxContent"))
            if not any(a.tag == _FALLBACK for a in box.iterancestors())
        ]
        for box in boxes if walk else []:
            self.add(BREAK)
            self.block(box, paragraph)
        return bool(boxes)

    def table(self, table: Table) -> None:
        self.add(BREAK)
        for row in table.rows:
            cells = []
            for cell in row.cells:  # a merged cell is listed once per grid column it spans
                if cell._tc not in self.seen_cells:
                    self.seen_cells.add(cell._tc)
                    cells.append(cell)
            self._row(cells)

    def _row(self, cells) -> None:
        texts = [clean(cell.text) for cell in cells]
        simple = all("\n" not in cell.text and not cell.tables for cell in cells)
        if simple and sum(bool(t) for t in texts) > 1:
            first = cells[0].paragraphs[0] if cells[0].paragraphs else None
            level = self.level(first) if first is not None else 0
            kind = self.kind(first, texts[0], level) if first is not None else "text"
            row = " | ".join(t for t in texts if t)
            self.add(_line("text" if kind == "bullet" else kind, row, level))
            return
        for cell in cells:
            self.block(cell._tc, cell)
            self.add(BREAK)


def _line(kind: str, text: str, level: int = 0, listed: bool = False) -> Line:
    item = strip_bullet(text)
    if item is not None:
        return Line("bullet", item)
    return Line(kind, text, level if kind == "heading" else 0, listed)


def _looks_like_heading(paragraph: Paragraph, text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 48 or len(text.split()) > 6 or "\t" in text:
        return False
    runs = [run for run in paragraph.runs if run.text.strip()]
    bold = bool(runs) and all(run.bold for run in runs)
    letters = [c for c in text if c.isalpha()]
    caps = len(letters) >= 3 and all(c.isupper() for c in letters)
    return bold and (caps or is_section_word(text))


def _title_first(lines: list[Line]) -> list[Line]:
    """Without a Title style, the first short line with letters is taken for the name.

    Lines without letters (a page number field in the header) are passed over.
    """
    if any(line.kind == "title" for line in lines):
        return lines
    for line in lines:
        if line.kind in ("text", "heading", "subheading") and any(c.isalpha() for c in line.text):
            if len(line.text.split()) <= 5 and not is_section_word(line.text):
                line.kind = "title"
            break
    return lines
