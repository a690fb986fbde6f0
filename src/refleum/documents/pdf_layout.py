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
        return group_rows(fragments, FULL_WIDTH)
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
