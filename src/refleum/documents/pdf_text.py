"""PDF bytes -> extracted-text markdown (see markdown.py for the contract)."""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from refleum.documents.errors import ExtractionFailed
from refleum.documents.furniture import has_words, is_page_number, masked
from refleum.documents.markdown import BREAK, Line, render
from refleum.documents.pdf_glyphs import read_pages
from refleum.documents.pdf_layout import Row, order_page
from refleum.documents.pdf_lines import LAYOUT_PARAMS, page_fragments
from refleum.documents.result import ExtractedText
from refleum.documents.sections import is_section_word
from refleum.documents.text_budget import TextBudget
from refleum.documents.text_clean import is_lone_bullet, join_wrapped, strip_bullet

MAX_PAGES = 50
NO_TEXT = "The PDF has no text layer (image-only); OCR is not offered"
UNDECODABLE = "The PDF's fonts do not say which letters they draw; its text cannot be read"
# pdfminer writes "(cid:42)" for a glyph whose font has no Unicode mapping.
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


def extract_pdf(
    data: bytes, max_pages: int = MAX_PAGES, budget: TextBudget | None = None
) -> ExtractedText:
    total = _page_count(data)
    budget = budget or TextBudget()
    pages: list[list[Row]] = []
    try:
        for number, page in enumerate(read_pages(data, LAYOUT_PARAMS, max_pages)):
            rows = order_page(page_fragments(page, number), page.width)
            for row in rows:  # page by page: a book-sized PDF stops at the page past the cap
                budget.spend(row.text)
            pages.append(rows)
    except ExtractionFailed:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ExtractionFailed("The PDF is encrypted") from exc
    except Exception as exc:  # pdfminer raises many unrelated types on damaged files
        raise ExtractionFailed("The PDF is damaged and could not be read") from exc
    if not pages:
        raise ExtractionFailed("The PDF has no readable pages")
    if not any(pages):
        raise ExtractionFailed(NO_TEXT)
    markdown, warnings = drop_undecodable(render(classify(pages)))
    if total > max_pages:
        warnings.append(f"Only the first {max_pages} of {total} pages were read")
    return ExtractedText(markdown=markdown, warnings=warnings, pages=total)


def drop_undecodable(markdown: str) -> tuple[str, list[str]]:
    """Markdown without "(cid:N)" placeholders, or ExtractionFailed when they dominate."""
    undecodable = len(_UNMAPPED_GLYPH.findall(markdown))
    if not undecodable:
        return markdown, []
    readable = len(re.sub(r"\s", "", _UNMAPPED_GLYPH.sub("", markdown)))
    if undecodable > 0.2 * (readable + undecodable):  # one placeholder stands for one glyph
        raise ExtractionFailed(UNDECODABLE)
    markdown = re.sub(r" {2,}", " ", _UNMAPPED_GLYPH.sub("", markdown)).replace(" \n", "\n")
    return markdown, [f"{undecodable} characters could not be decoded and were left out"]


def _page_count(data: bytes) -> int:
    try:
        document = PDFDocument(PDFParser(BytesIO(data)))
        return int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ExtractionFailed("The PDF is encrypted") from exc
    except Exception as exc:
        raise ExtractionFailed("The PDF is damaged and could not be read") from exc


def classify(pages: list[list[Row]]) -> list[Line]:
    heads, feet = _running_heads(pages)
    rows = [
        row
        for number, page in enumerate(pages)
        for row in page
        if not is_page_number(row.text)
        and not (number and masked(row.text) in heads)
        and not (row in page[-2:] and masked(row.text) in feet)
    ]
    styles = _Styles(rows, pages[0] if pages else [])
    rows = [part for row in rows for part in styles.split_margin_heading(row)]
    reader = _Reader(styles, _line_spans(rows))
    for row in rows:
        reader.add(row)
    return reader.lines


def _running_heads(pages: list[list[Row]]) -> tuple[set[str], set[str]]:
    """Texts printed at the top (heads) or bottom (feet) of several pages.

    A repeated text is kept where it first appears (page 1's name line is the title) and
    dropped on later pages; a numbered foot ("Jane Doe · Résumé | 1") is dropped
    everywhere, page 1 included, where it would split an entry in two. Page numbers are
    masked so "Page 2" matches "Page 3" and "John Doe – 1/3" matches "John Doe – 2/3".
    """
    if len(pages) < 2:
        return set(), set()
    edges = Counter(
        text for page in pages for text in {masked(row.text) for row in page[:2] + page[-2:]}
    )
    bottoms = Counter(text for page in pages for text in {masked(row.text) for row in page[-2:]})
    # A head has words: a bare year ("2019") at the top of two pages is an entry's date
    # that a page break carried over (a timeline's "2016 / 2019"), not furniture.
    heads = {text for text, count in edges.items() if count >= 2 and has_words(text)}
    # Only numbered feet are pure furniture; an unnumbered one may be the only place
    # the contact details are printed, so it is kept once like a head.
    feet = {text for text, count in bottoms.items() if count >= 2 and text.endswith(" #")}
    return heads, feet


class _Styles:
    """Document-wide typography: body size, the title row, what a heading looks like."""

    def __init__(self, rows: list[Row], first_page: list[Row]) -> None:
        sizes = Counter()
        for row in rows:
            for fragment in row.fragments:
                sizes[round(fragment.size, 1)] += fragment.chars
        self.body = sizes.most_common(1)[0][0] if sizes else 10.0
        # A section title ("Experience") set larger than the name is still not the name.
        candidates = [
            r
            for r in first_page
            if len(r.text.split()) <= 8
            and not is_page_number(r.text)
            and not is_section_word(r.text)
        ]
        biggest = max(candidates, key=lambda r: r.fragments[0].size, default=None)
        self.title = biggest if biggest and biggest.fragments[0].size >= 1.3 * self.body else None
        self.heading_looks = self._distinct_heading_looks(rows)
        margins = Counter(
            _fragment_look(row.fragments[0])
            for row in rows
            if len(row.fragments) > 1 and self._margin_title(row.fragments[0])
        )
        self.margin_looks = set(margins)
        self.margin_heads: set[int] = set()
        # The look most section titles share, when it is set larger than the body.
        titled = margins + Counter(
            _look(r) for r in rows if is_section_word(r.text) and r is not self.title
        )
        large = [(count, look) for look, count in titled.items() if look[0] >= 1.1 * self.body]
        self.title_size = max(large)[1][0] if large else None

    def _margin_title(self, fragment) -> bool:
        return is_section_word(fragment.text) and (
            fragment.size >= 1.15 * self.body or fragment.bold or fragment.caps
        )

    def split_margin_heading(self, row: Row) -> list[Row]:
        """A section title set in a margin on its section's first line ("Work" beside
        "Site Engineer"), then that line: two rows. The look of the titles that are
        section words ("Education", "Skills") marks the others ("Work", "Volunteer")."""
        first = row.fragments[0]
        if (
            len(row.fragments) < 2
            or row is self.title
            or _fragment_look(first) not in self.margin_looks
            or not _short(first.text)
        ):
            return [row]
        heading = Row([first], row.column)
        self.margin_heads.add(id(heading))
        return [heading, Row(row.fragments[1:], row.column)]

    def _distinct_heading_looks(self, rows: list[Row]) -> set[tuple]:
        """Looks of rows titled like sections ("Experience") that set headings apart.

        A look shared mostly with other rows (bold body text, also used for job
        titles) does not count: there only the section word itself is trusted.
        """
        sections = Counter(
            _look(r) for r in rows if is_section_word(r.text) and r is not self.title
        )
        everyone = Counter(_look(r) for r in rows if len(r.fragments) == 1)
        return {
            look
            for look, count in sections.items()
            if look[0] >= 1.1 * self.body or look[2] or count > everyone[look] / 2
        }

    def _under_heading_size(self, row: Row) -> bool:
        """Set clearly smaller than most section titles, where those are set large.

        Once a document shows its section titles larger than the body, a bold line in
        between ("Site Engineer" at 13.5 pt under 17 pt titles) is an entry's title, and a
        bold body-size "Highlights" or "Courses" labels a list inside an entry, even where
        being a section word gave its look a place among the heading looks.
        """
        return self.title_size is not None and row.fragments[0].size < 0.9 * self.title_size

    def is_heading(self, row: Row) -> bool:
        if id(row) in self.margin_heads:
            return True
        if row is self.title or len(row.fragments) > 1 or not _short(row.text):
            return False
        first = row.fragments[0]
        item = strip_bullet(row.text)
        if item is not None:
            # A section title set off by an ornament (a dingbat before "Experience") is a
            # heading when it is drawn larger, heavier or in the look only section titles
            # have (a colour); a list item is not.
            distinct = first.size >= 1.15 * self.body or first.bold
            return is_section_word(item) and (distinct or _look(row) in self.heading_looks)
        if self._under_heading_size(row):
            return False
        if is_section_word(row.text) and (first.bold or first.caps or first.size > self.body):
            return True
        if self.heading_looks:
            return _look(row) in self.heading_looks or first.size >= 1.15 * self.body
        return first.size >= 1.15 * self.body or (first.caps and first.bold)


def _look(row: Row) -> tuple:
    return _fragment_look(row.fragments[0])


def _fragment_look(first) -> tuple:
    return (round(first.size * 2) / 2, first.bold, first.caps, first.color)


def _same_type(a, b) -> bool:
    """A wrapped line keeps its item's typeface; a bold entry title after it does not."""
    return a.bold == b.bold and abs(a.size - b.size) <= 0.6


def _short(text: str) -> bool:
    return len(text) <= 48 and len(text.split()) <= 6 and not text.rstrip().endswith((".", ","))


def _line_spans(rows: list[Row]) -> dict[int, list[tuple[float, float]]]:
    """(start, end) x of every one-piece row, by column: where lines of each indent wrap.

    A row of table cells ("Engineer | 2020 – Present") is left out: its date cell may sit
    right of the margin the column's text wraps at.
    """
    spans: dict[int, list[tuple[float, float]]] = {}
    for row in rows:
        if len(row.fragments) == 1:
            spans.setdefault(row.column, []).append((row.x0, row.fragments[0].x1))
    return spans


def _wrapped_into(previous: Row, row: Row, right_edge: float) -> bool:
    """Whether ``row`` is the overflow of ``previous``: its first word did not fit there.

    A line that stops short of the margin with room for the next word ended on purpose
    (a timeline entry's "Student Job" over "Company X, City"), whatever the indent says.
    """
    first = previous.fragments[-1]
    word = row.text.split()[0] if row.text.split() else ""
    # An average glyph is about half an em wide; one em of slack covers the space and
    # a ragged right margin.
    room = right_edge - first.x1
    return room < (len(word) * 0.5 + 1.0) * first.size


def _unfinished_address(word: str) -> bool:
    """'jane@mail.c', 'jane@ma', 'jane@mail.': an email cut before its domain ends (no
    top-level domain is one letter long); 'jane@mail.com' is whole."""
    if word.count("@") != 1:
        return False
    domain = word.split("@")[1]
    return "." not in domain or domain.endswith((".", "-")) or len(domain.rsplit(".")[-1]) == 1


class _Reader:
    """Walks rows in reading order, joining wrapped bullets (also over page breaks)."""

    def __init__(self, styles: _Styles, spans: dict[int, list[tuple[float, float]]]) -> None:
        self.styles = styles
        self.spans = spans
        self.lines: list[Line] = []
        self.previous: Row | None = None
        self.bullet: Row | None = None  # the row that opened the current bullet item
        self.pending_glyph = False

    def add(self, row: Row) -> None:
        text = row.text
        if is_lone_bullet(text):
            self.pending_glyph, self.previous = True, row
            return
        if self._breaks_block(row):
            self.lines.append(BREAK)
        if row is self.styles.title:
            self._emit_title(row)
        elif self.styles.is_heading(row):
            self._emit(Line("heading", strip_bullet(text) or text), None)
        elif (item := strip_bullet(text)) is not None or self.pending_glyph:
            self._emit(Line("bullet", item if item is not None else text), row)
        elif self._continues_bullet(row):
            self.lines[-1].text = join_wrapped(self.lines[-1].text, text)
        elif self._finishes_address(row):
            self.lines[-1].text += text
        else:
            self._emit(Line("text", text), None)
        self.previous = row

    def _finishes_address(self, row: Row) -> bool:
        """'jane.doe@mail.c' / 'om': an address a narrow column broke mid-word (CSS
        overflow-wrap), where the line was full; the rest is one word, joined unspaced."""
        previous = self.previous
        if previous is None or not self.lines or self.lines[-1].kind != "text":
            return False
        if previous.column != row.column or len(row.fragments) > 1 or " " in row.text:
            return False
        if self.lines[-1].text.rsplit(" ", 1)[-1] != previous.fragments[-1].text.rsplit(" ", 1)[-1]:
            return False
        tail = previous.fragments[-1].text.rsplit(" ", 1)[-1]
        if not _unfinished_address(tail) or "@" in row.text:
            return False
        if previous.y0 - row.y1 > 0.7 * row.height:
            return False
        edge = max((end for _, end in self.spans.get(row.column, [])), default=0.0)
        return _wrapped_into(previous, row, edge)

    def _emit_title(self, row: Row) -> None:
        """The name alone is the title; contact details set beside it stay a plain line."""
        biggest = max(row.fragments, key=lambda f: f.size)
        self._emit(Line("title", biggest.text), None)
        others = [f.text for f in row.fragments if f is not biggest]
        if others:
            self.lines.append(Line("text", " | ".join(others)))

    def _emit(self, line: Line, bullet: Row | None) -> None:
        self.lines.append(line)
        self.bullet, self.pending_glyph = bullet, False

    def _breaks_block(self, row: Row) -> bool:
        previous = self.previous
        if previous is None or self.pending_glyph:
            return False
        if previous.column != row.column:
            return True
        if previous.fragments[0].page != row.fragments[0].page:
            return not self._continues_bullet(row)
        return previous.y0 - row.y1 > 0.7 * min(previous.height, row.height)

    def _continues_bullet(self, row: Row) -> bool:
        bullet, previous = self.bullet, self.previous
        if bullet is None or previous is None or len(row.fragments) > 1 or not self.lines:
            return False
        # Across a page break the column ids may differ (page 2 without a sidebar).
        if self.lines[-1].kind != "bullet" or (previous.column != row.column and row.column != 0):
            return False
        if not _same_type(bullet.fragments[-1], row.fragments[0]):
            return False
        text_x0 = (
            bullet.fragments[-1].text_x0 if len(bullet.fragments) == 1 else bullet.fragments[-1].x0
        )
        if previous.fragments[0].page != row.fragments[0].page:
            return self._continues_over_page(row, bullet.x0, text_x0)
        gap_ok = previous.y0 - row.y1 <= 0.7 * min(previous.height, row.height)
        # The margin of this list: where lines starting at its bullet or text indent end
        # (not a date cell further right in the same column).
        edge = max(
            (
                end
                for start, end in self.spans.get(previous.column, [])
                if bullet.x0 - 2 <= start <= text_x0 + 2
            ),
            default=previous.fragments[-1].x1,
        )
        return (
            gap_ok
            and bullet.x0 - 1.5 <= row.x0 <= text_x0 + 2
            and _wrapped_into(previous, row, edge)
        )

    def _continues_over_page(self, row: Row, bullet_x0: float, text_x0: float) -> bool:
        if self.lines[-1].text.rstrip().endswith((".", "!", "?")):
            return False
        hanging = text_x0 > bullet_x0 + 2 and abs(row.x0 - text_x0) <= 2
        inline = abs(row.x0 - bullet_x0) <= 2 and row.text[:1].islower()
        return hanging or inline
