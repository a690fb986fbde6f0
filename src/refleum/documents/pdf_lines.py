"""PDF pages -> positioned, styled text fragments (pdfminer.six layout analysis).

A fragment is one pdfminer text line: characters close enough to be read as one run.
Separate columns on the same visual row stay separate fragments, which is what the
reading-order step needs.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field

from pdfminer.layout import LAParams, LTChar, LTCurve, LTPage, LTTextContainer, LTTextLineHorizontal

from refleum.documents.text_clean import clean, strip_bullet

# char_margin below pdfminer's default keeps a right-aligned date out of the title line;
# line_margin is irrelevant to us (we regroup lines ourselves) but small boxes are cheaper.
# all_texts lays out the text inside Form XObjects too: Chromium draws some runs there
# (a job's dates, a contact block), which pdfminer otherwise leaves as loose glyphs.
LAYOUT_PARAMS = LAParams(
    char_margin=1.6, word_margin=0.12, line_margin=0.3, detect_vertical=False, all_texts=True
)


@dataclass
class Fragment:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    bold: bool
    color: str
    text_x0: float  # where the words start, after any bullet glyph
    page: int = 0
    chars: int = field(default=0)

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 3 and all(c.isupper() for c in letters)


def page_fragments(page: LTPage, page_no: int) -> list[Fragment]:
    fragments = [frag for line in _text_lines(page) if (frag := _fragment(line, page_no))]
    marks = _bullet_marks(page)
    for fragment in fragments if marks else []:
        _attach_drawn_bullet(fragment, marks)
    return fragments


def _bullet_marks(container) -> list[tuple[float, float, float, float]]:
    """Small square-ish shapes: list markers some producers (Chromium) draw as paths."""
    marks = []
    for item in container:
        if isinstance(item, LTCurve):
            if (
                1 <= item.width <= 7
                and 1 <= item.height <= 7
                and abs(item.width - item.height) <= 1.5
            ):
                marks.append(item.bbox)
        elif hasattr(item, "__iter__") and not isinstance(item, LTTextContainer):
            marks.extend(_bullet_marks(item))
    return marks


def _attach_drawn_bullet(fragment: Fragment, marks) -> None:
    for x0, y0, x1, y1 in marks:
        centre = (y0 + y1) / 2
        if 0 < fragment.x0 - x1 <= 18 and fragment.y0 <= centre <= fragment.y1:
            fragment.text, fragment.text_x0, fragment.x0 = f"• {fragment.text}", fragment.x0, x0
            return


def _text_lines(container) -> Iterator[LTTextLineHorizontal]:
    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            yield item
        elif isinstance(item, LTTextContainer) or hasattr(item, "__iter__"):
            yield from _text_lines(item)


def _fragment(line: LTTextLineHorizontal, page_no: int) -> Fragment | None:
    text = clean(line.get_text())
    chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
    if not text or not chars:
        return None
    sizes = [round(c.size, 1) for c in chars]
    bold = sum(_is_bold(c.fontname) for c in chars) > len(chars) / 2
    return Fragment(
        text=text,
        x0=line.x0,
        x1=line.x1,
        y0=line.y0,
        y1=line.y1,
        size=statistics.median(sizes),
        bold=bold,
        color=_color(chars),
        text_x0=_text_start(chars, text),
        page=page_no,
        chars=len(chars),
    )


# TeX's font names say the weight in a letter code before the design size: CMBX10 (bold
# extended), CMSSBX10, CMSSDC10 (sans demibold condensed), CMB10, SFBX1200 (EC fonts).
_TEX_BOLD = re.compile(r"^(?:cm|ec|sf|tc)[a-z]*?(?:bx|dc|b)\d+$")


def _is_bold(fontname: str) -> bool:
    name = fontname.split("+")[-1].lower()
    if any(mark in name for mark in ("bold", "black", "heavy", "demi", ",b")):
        return True
    return bool(_TEX_BOLD.match(name))


def _color(chars: list[LTChar]) -> str:
    state = getattr(chars[0], "graphicstate", None)
    colour = getattr(state, "ncolor", None)
    return repr(colour)


def _text_start(chars: list[LTChar], text: str) -> float:
    """x where the item's words begin: after the bullet glyph when there is one."""
    if strip_bullet(text) is None or len(chars) < 2:
        return chars[0].x0
    return chars[1].x0
