"""Reading order of one PDF page: columns apart, table-like rows together.

Two shapes look alike geometrically and need opposite treatment:
- a sidebar or two-column layout: read the left column whole, then the right one;
- a table-like layout (title left, dates right): read row by row, joining the cells.
The difference used here is density: a real column is made of runs of consecutive
rows, while a date column is a lone row now and then beside a run of bullets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refleum.documents.pdf_lines import Fragment
from refleum.documents.text_clean import is_lone_bullet

FULL_WIDTH, LEFT, RIGHT = 0, 1, 2
# A page offers few distinct gutters; a date column's gutter may rank above the
# sidebar's, so several are tried before settling on "one column".
_MAX_GUTTERS_TRIED = 8
_DATE_CELL = re.compile(r"^\W*(\d{1,2}/)?(19|20)\d\d\b|^\W*[A-Za-zÀ-ÿ]{3,9}\.? (19|20)\d\d\b")


@dataclass
class Row:
    fragments: list[Fragment]
    column: int = FULL_WIDTH

    @property
    def x0(self) -> float:
        return self.fragments[0].x0

    @property
    def y0(self) -> float:
        return min(f.y0 for f in self.fragments)

    @property
    def y1(self) -> float:
        return max(f.y1 for f in self.fragments)

    @property
    def height(self) -> float:
        return min(f.height for f in self.fragments)

    @property
    def text(self) -> str:
        parts = [self.fragments[0].text]
        for previous, fragment in zip(self.fragments, self.fragments[1:], strict=False):
            parts.append(" | " if _is_cell_gap(previous, fragment) else " ")
            parts.append(fragment.text)
        return "".join(parts)


def _is_cell_gap(left: Fragment, right: Fragment) -> bool:
    """A gap wider than two ems separates table cells; narrower is a stretched
    (justified) space or a bullet glyph set apart from its text."""
    if is_lone_bullet(left.text):
        return False
    gap, em = right.x0 - left.x1, max(left.size, right.size)
    # Dates beside a title are the common case: a table cell padding apart suffices.
    return gap >= 2.0 * em or (gap >= 0.8 * em and bool(_DATE_CELL.search(right.text)))


def order_page(fragments: list[Fragment], page_width: float) -> list[Row]:
    split = _find_columns(fragments, page_width)
    if split is None:
        return _order_bands(fragments, page_width) or group_rows(fragments, FULL_WIDTH)
    above, left, right, below = split
    return (
        group_rows(above, FULL_WIDTH)
        + group_rows(left, LEFT)
        + group_rows(right, RIGHT)
        + group_rows(below, FULL_WIDTH)
    )


def group_rows(fragments: list[Fragment], column: int) -> list[Row]:
    """Fragments sharing a baseline band become one row, left to right, top to bottom."""
    rows: list[Row] = []
    for fragment in sorted(fragments, key=lambda f: (-f.y1, f.x0)):
        row = rows[-1] if rows else None
        if row is not None and _same_band(row, fragment):
            row.fragments.append(fragment)
            row.fragments.sort(key=lambda f: f.x0)
        else:
            rows.append(Row([fragment], column))
    return rows


def _same_band(row: Row, fragment: Fragment) -> bool:
    overlap = min(row.y1, fragment.y1) - max(row.y0, fragment.y0)
    return overlap >= 0.5 * min(row.height, fragment.height)


def _find_columns(fragments: list[Fragment], page_width: float):
    """(above, left, right, below) when the page is laid out in two columns, else None."""
    partitions = {}
    for x in sorted(
        {round(f.x1 + 1) for f in fragments if 0.15 * page_width < f.x1 < 0.85 * page_width}
    ):
        split = _split_at(fragments, x)
        if split is not None:
            partitions.setdefault((len(split[1]), len(split[2])), split)
    ranked = sorted(partitions.items(), key=lambda item: -min(item[0]))
    for _, split in ranked[:_MAX_GUTTERS_TRIED]:
        if _is_dense(split[1]) and _is_dense(split[2]):
            return split
    return None


def _split_at(fragments: list[Fragment], x: float):
    left = [f for f in fragments if f.x1 <= x]
    right = [f for f in fragments if f.x0 >= x]
    if len(left) < 3 or len(right) < 3:
        return None
    sides = left + right
    top, bottom = max(f.y1 for f in sides), min(f.y0 for f in sides)
    crossing = [f for f in fragments if f.x0 < x < f.x1]
    above = [f for f in crossing if f.y0 >= top - 1]
    below = [f for f in crossing if f.y1 <= bottom + 1]
    if len(above) + len(below) != len(crossing):
        return None  # something spans the gutter mid-page: not two columns
    if not _overlap_vertically(left, right):
        return None
    return above, left, right, below


def _order_bands(fragments: list[Fragment], page_width: float) -> list[Row] | None:
    """Rows of a page whose columns live in bands between full-width rows, else None.

    A banner across the page (a title bar, a rule-to-rule heading) between a two-column
    header and a two-column body spans any gutter mid-page, so the page as a whole is
    not two columns; each band between such rows may still be, and is read column by
    column, the banners in their place.
    """
    rows = group_rows(fragments, FULL_WIDTH)
    best, best_count = None, 0
    for x in _gutters(fragments, page_width):
        ordered, in_columns = [], 0
        band: list[Fragment] = []
        for row in [*rows, None]:
            if row is not None and not any(f.x0 < x < f.x1 for f in row.fragments):
                band.extend(row.fragments)
                continue
            band_rows = _band_rows(band, x)
            in_columns += len(band) if band_rows is not None else 0
            ordered += band_rows or group_rows(band, FULL_WIDTH)
            ordered += [row] if row is not None else []
            band = []
        # The gutter that puts the most text in columns is the real one; a gutter
        # between a short label and its value splits only a few rows.
        if in_columns > best_count:
            best, best_count = ordered, in_columns
    return best


def _band_rows(band: list[Fragment], x: float) -> list[Row] | None:
    left = [f for f in band if f.x1 <= x]
    right = [f for f in band if f.x0 >= x]
    if len(left) < 3 or len(right) < 3 or not _overlap_vertically(left, right):
        return None
    if not (_is_dense(left) and _is_dense(right)) or _is_date_column(left, right):
        return None
    if _is_row_aligned(left, right):
        return None
    return group_rows(left, LEFT) + group_rows(right, RIGHT)


def _is_row_aligned(left: list[Fragment], right: list[Fragment]) -> bool:
    """Most lines of the smaller side sit on a line of the other: cells of a table
    (title | place and dates, a grid of skills), read row by row. Columns of running
    text drift apart as their headings and spacing differ."""
    smaller, other = sorted((left, right), key=len)
    aligned = sum(
        any(min(f.y1, g.y1) - max(f.y0, g.y0) >= 0.5 * min(f.height, g.height) for g in other)
        for f in smaller
    )
    return aligned >= 0.7 * len(smaller)


def _is_date_column(left: list[Fragment], right: list[Fragment]) -> bool:
    """One side mostly dates: a table of entries with their dates, read row by row."""
    return any(
        sum(bool(_DATE_CELL.search(f.text)) for f in side) >= 0.6 * len(side)
        for side in (left, right)
    )


def _gutters(fragments: list[Fragment], page_width: float) -> list[float]:
    """Candidate gutter positions: just right of a line end in the page's middle band."""
    return sorted(
        {round(f.x1 + 1) for f in fragments if 0.15 * page_width < f.x1 < 0.85 * page_width}
    )


def _overlap_vertically(left: list[Fragment], right: list[Fragment]) -> bool:
    lo = max(min(f.y0 for f in left), min(f.y0 for f in right))
    hi = min(max(f.y1 for f in left), max(f.y1 for f in right))
    shorter = min(
        max(f.y1 for f in left) - min(f.y0 for f in left),
        max(f.y1 for f in right) - min(f.y0 for f in right),
    )
    return hi - lo >= 0.5 * shorter


def _is_dense(fragments: list[Fragment]) -> bool:
    """Runs of consecutive rows (a column), not isolated rows (cells beside other text)."""
    rows = group_rows(fragments, FULL_WIDTH)
    runs, current = [], 1
    for previous, row in zip(rows, rows[1:], strict=False):
        # Paragraph spacing stays under ~1.4 line heights; a date cell's next
        # neighbour sits at least two lines of bullets further down.
        if previous.y0 - row.y1 <= 1.4 * min(previous.height, row.height):
            current += 1
        else:
            runs.append(current)
            current = 1
    runs.append(current)
    return max(runs) >= 3 and len(rows) / len(runs) >= 2
