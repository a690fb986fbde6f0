"""PDF pages with each drawn glyph decoded to the letter it shows, or to nothing.

pdfminer decodes a glyph through the font's ToUnicode map first, then through the
font's encoding (glyph names such as /ff). Real resumes break the first step in ways
pdfminer takes at face value:
- ToUnicode maps a ligature to U+0000 ("e\\x00ective") although the glyph name says /ff;
- icon fonts (Font Awesome, Material Icons, Wingdings…) map their pictures to letters
  or private-use code points, so a phone icon reads "z" and a rating reads "○ ○ ○";
- U+00AD is drawn as a visible hyphen ("Co-founder", "2019-2021"), not a soft hyphen;
- TeX bitmap fonts name their glyphs by code ("a233"): see pdf_tex_glyphs.py.
Decoding is repaired here, glyph by glyph, where the font is still known.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import BytesIO
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTPage
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1

from refleum.documents.pdf_tex_glyphs import coded_glyphs, is_t1, tex_letter
from refleum.documents.text_clean import PUA_BULLETS, is_unprintable

# Font families that draw pictures, not letters. Matched against the font's base name
# with the subset prefix ("ABCDEF+") and separators removed, lower-cased.
_ICON_FONT = re.compile(
    r"fontawesome|fa(?:solid|regular|brands|light)|academicons|materialicons|materialsymbols"
    r"|wingdings|webdings|zapfdingbats|dingbats|icomoon|simpleicons|glyphicons|ionicons"
    r"|octicons|feathericons|bootstrapicons|remixicon|lineicons|symbolpua|devicons?|entypo"
)


def is_icon_font(fontname: str) -> bool:
    base = fontname.split("+")[-1]
    return bool(_ICON_FONT.search(re.sub(r"[\s_\-]", "", base).lower()))


_WHITESPACE_CONTROLS = "\r\n\t\x0b\x0c\x85"


class _RepairedFont:
    """A pdfminer font whose ``to_unichr`` repairs what its ToUnicode map got wrong."""

    def __init__(self, font: Any, icon: bool) -> None:
        self._font, self._icon = font, icon
        self._coded: set[int] = getattr(font, "refleum_coded_glyphs", set())
        self._t1 = is_t1(self._coded)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._font, name)

    def to_unichr(self, cid: int) -> str:
        if cid in self._coded and not getattr(self._font, "unicode_map", None):
            return tex_letter(cid, self._t1)
        try:
            text = self._font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = None
        if text is not None and not _is_broken(text):
            return self._visible(text)
        if text and all(ch in _WHITESPACE_CONTROLS for ch in text):
            return " "  # a CR/LF/tab mapped where a space is drawn: between two words
        # The font's encoding names the glyph (/ff, /fi, /hyphen): pdfminer's fallback.
        by_name = getattr(self._font, "cid2unicode", {}).get(cid)
        if by_name and not _is_broken(by_name):
            return self._visible(by_name)
        if self._icon or (text is not None and text.strip("\x00") == ""):
            return ""  # a picture, or a NUL nothing else can name: no letter was drawn
        if text is not None and all(ch in PUA_BULLETS for ch in text):
            return text  # Symbol/Wingdings list markers: text_clean makes them bullets
        raise PDFUnicodeNotDefined(None, cid)  # reported as "(cid:N)", counted as undecodable

    def _visible(self, text: str) -> str:
        if self._icon and not all(ch in PUA_BULLETS for ch in text):
            return ""
        # A drawn U+00AD is a hyphen the reader saw, not an invisible break hint.
        return text.replace("\u00ad", "-")


def _is_broken(text: str) -> bool:
    return not text or any(is_unprintable(ch) and ch not in PUA_BULLETS for ch in text)


class _RepairingAggregator(PDFPageAggregator):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fonts: dict[int, _RepairedFont] = {}

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        repaired = self._fonts.get(id(font))
        if repaired is None or repaired._font is not font:
            # A font without a descriptor is "unknown" to pdfminer; /BaseFont still names it.
            names = f"{getattr(font, 'basefont', '')} {getattr(font, 'fontname', '')}"
            repaired = _RepairedFont(font, any(is_icon_font(name) for name in names.split()))
            self._fonts[id(font)] = repaired
        return super().render_char(
            matrix, repaired, fontsize, scaling, rise, cid, ncs, graphicstate
        )


class _ResourceManager(PDFResourceManager):
    """Remembers which glyphs a font's encoding names by code (pdfminer drops the spec)."""

    def get_font(self, objid: object, spec: Any) -> Any:
        font = super().get_font(objid, spec)
        if not hasattr(font, "refleum_coded_glyphs"):
            try:
                font.refleum_coded_glyphs = coded_glyphs(resolve1(spec.get("Encoding")))
            except Exception:  # a damaged encoding: keep pdfminer's own decoding
                font.refleum_coded_glyphs = set()
        return font


def read_pages(data: bytes, laparams: LAParams, max_pages: int) -> Iterator[LTPage]:
    """pdfminer's ``extract_pages`` with glyph decoding repaired."""
    resources = _ResourceManager(caching=True)
    device = _RepairingAggregator(resources, laparams=laparams)
    interpreter = PDFPageInterpreter(resources, device)
    for page in PDFPage.get_pages(BytesIO(data), maxpages=max_pages, caching=True):
        interpreter.process_page(page)
        yield device.get_result()
