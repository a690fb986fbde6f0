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
    fragments = [
        frag
        for line in _text_lines(page)
        for part in _size_runs(line)
        if (frag := _fragment(part, page_no))
    ]
    marks = _bullet_marks(page)
    for fragment in fragments if marks else []:
        _attach_drawn_bullet(fragment, marks)
    return _attach_unmapped_markers(fragments)


def _attach_unmapped_markers(fragments: list[Fragment]) -> list[Fragment]:
    """A lone glyph with no Unicode mapping ("(cid:0)") just left of a line, no larger
    than its text, is that line's list marker: Chromium draws a list's disc from a font
    subset that does not say which character it is. A larger one is an icon."""
    markers = [f for f in fragments if _UNMAPPED.fullmatch(f.text)]
    if not markers:
        return fragments
    used = set()
    for marker in markers:
        centre = (marker.y0 + marker.y1) / 2
        for fragment in fragments:
            if (
                fragment is not marker
                and 0 < fragment.x0 - marker.x1 <= 18
                and fragment.y0 <= centre <= fragment.y1
                and marker.size <= fragment.size
                and not _UNMAPPED.match(fragment.text)
            ):
                fragment.text, fragment.text_x0 = f"\u2022 {fragment.text}", fragment.x0
                fragment.x0 = marker.x0
                used.add(id(marker))
                break
    return [f for f in fragments if id(f) not in used]


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
    # A list indents its text from its marker by up to about two ems (CSS lists hang the
    # disc 1.5–2 ems left of the text); further off, a shape is not this line's marker.
    reach = max(18.0, 2 * fragment.size)
    for x0, y0, x1, y1 in marks:
        centre = (y0 + y1) / 2
        if 0 < fragment.x0 - x1 <= reach and fragment.y0 <= centre <= fragment.y1:
            fragment.text, fragment.text_x0, fragment.x0 = f"• {fragment.text}", fragment.x0, x0
            return


def _text_lines(container) -> Iterator[LTTextLineHorizontal]:
    for item in container:
        if isinstance(item, LTTextLineHorizontal):
            yield item
        elif isinstance(item, LTTextContainer) or hasattr(item, "__iter__"):
            yield from _text_lines(item)


# Words this much larger than their neighbours on one line are another piece of text: a
# section title in a margin beside an entry's first line ("Skills" beside "Cloud
# Infrastructure"), which pdfminer joins when the gap between them is a word space.
_SIZE_STEP = 1.2


def _size_runs(line: LTTextLineHorizontal) -> list:
    """The line, or its parts where the type size steps between two words.

    A word's size is its largest letter's, so small caps (a full-size capital before
    smaller ones) and superscripts stay whole.
    """
    words: list[list] = [[]]
    for item in line:
        if item.get_text().isspace():
            words.append([item])
        else:
            words[-1].append(item)
    runs: list[list] = []
    previous = None
    for word in words:
        chars = [c for c in word if isinstance(c, LTChar) and c.get_text().strip()]
        if not _is_word(chars):
            # An icon or a mark ("(cid:0)", "•") has a size of its own but is no title.
            if runs:
                runs[-1].extend(word)
            else:
                runs.append(list(word))
            continue
        size = max(c.size for c in chars)
        # Only a larger word before a smaller one: a title in the margin, then text.
        if previous and previous >= _SIZE_STEP * size:
            runs.append([])
        if not runs:
            runs.append([])
        runs[-1].extend(word)
        previous = size
    return [line] if len(runs) <= 1 else runs


def _is_word(chars: list[LTChar]) -> bool:
    text = "".join(c.get_text() for c in chars)
    return sum(ch.isalnum() for ch in text) >= 2 and not _UNMAPPED.search(text)


_UNMAPPED = re.compile(r"\(cid:\d+\)")


def _fragment(line, page_no: int) -> Fragment | None:
    """A fragment from a pdfminer line, or from one part of it (a list of its items)."""
    text = clean("".join(item.get_text() for item in line))
    chars = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
    if not text or not chars:
        return None
    if not isinstance(line, LTTextLineHorizontal):
        line = _Box(chars)
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


class _Box:
    """The bounding box of some characters: a part of a pdfminer line."""

    def __init__(self, chars: list[LTChar]) -> None:
        self.x0, self.x1 = chars[0].x0, max(c.x1 for c in chars)
        self.y0, self.y1 = min(c.y0 for c in chars), max(c.y1 for c in chars)


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
