"""Letters of TeX bitmap fonts whose glyphs are named by their code ("a233", "a101").

dvips embeds Metafont (PK) fonts as Type 3 fonts with no ToUnicode map and an encoding
whose glyph names are the character code with a letter in front. No glyph list knows
those names, so pdfminer falls back to StandardEncoding, where code 233 is "Ø" and the
codes of "à", "ô", "ç" name nothing: "Mathématiques" read "MathØmatiques", "Diplômes"
"Diplmes". The code itself is a position in the font's TeX encoding, which is either
T1 (Cork: accented Latin letters above 127, ligatures at 27–31) or OT1 (the original
128-glyph Computer Modern layout: ligatures at 11–15). This module reads such a code
as the letter TeX put there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# "a233", "g65", "c12", "x41": dvips's and other TeX drivers' names for "the glyph at code N".
_CODE_NAME = re.compile(r"^[A-Za-z]{1,2}(\d{1,3})$")

# T1 (Cork) below 128: 0-12 are floating accents (drawn over a letter: no letter of
# their own), then quotes, guillemets, dashes, a zero-width mark, dotless i/j, ligatures.
_T1_LOW = (
    [""] * 13
    + ["\u201a", "\u2039", "\u203a", "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb"]
    + ["\u2013", "\u2014", "", "", "\u0131", "\u0237", "ff", "fi", "fl", "ffi", "ffl"]
)
_T1_HIGH = (
    "ĂĄĆČĎĚĘĞĹĽŁŃŇŊŐŔŘŚŠŞŤŢŰŮŸŹŽŻĲİđ§"
    "ăąćčďěęğĺľłńňŋőŕřśšşťţűůÿźžżĳ¡¿£"
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖŒØÙÚÛÜÝÞ?"  # 0xDF: see _T1_SS
    "àáâãäåæçèéêëìíîïðñòóôõöœøùúûüýþß"
)
_T1_ASCII = {0x20: " ", 0x27: "\u2019", 0x60: "\u2018", 0x7F: "-"}
_T1_SS = 0xDF  # Cork's capital sharp s, read as the two letters it stands for

# OT1 below 32: Greek capitals, ligatures, dotless i/j, accents, then æ œ ø Æ Œ Ø.
_OT1_LOW = (
    list("ΓΔΘΛΞΠΣΥΦΨΩ")
    + ["ff", "fi", "fl", "ffi", "ffl", "\u0131", "\u0237"]
    + [""] * 6
    + ["", "ß", "æ", "œ", "ø", "Æ", "Œ", "Ø"]
)
_OT1_ASCII = {
    0x20: " ",  # TeX draws no space glyph; a producer that does means a space
    0x22: "\u201d",
    0x27: "\u2019",
    0x3C: "¡",
    0x3E: "¿",
    0x5C: "\u201c",
    0x5F: "",
    0x60: "\u2018",
    0x7B: "\u2013",
    0x7C: "\u2014",
    0x7D: "",
    0x7E: "",
    0x7F: "",
}


def coded_glyphs(encoding: object) -> set[int]:
    """Codes whose glyph a font's /Encoding dictionary names after the code itself."""
    if not isinstance(encoding, Mapping):
        return set()
    codes, code = set(), 0
    for item in encoding.get("Differences", []) or []:
        if isinstance(item, int):
            code = item
            continue
        match = _CODE_NAME.match(getattr(item, "name", ""))
        if match and int(match.group(1)) == code:
            codes.add(code)
        code += 1
    return codes


def is_t1(codes: Iterable[int]) -> bool:
    """Cork (T1) unless the font only uses OT1's ligature slots and nothing above 127."""
    codes = set(codes)
    if any(code >= 128 for code in codes):
        return True
    return not (codes & set(range(11, 16))) or bool(codes & set(range(27, 32)))


def tex_letter(code: int, t1: bool) -> str:
    """The text TeX's T1 or OT1 encoding puts at ``code`` ("" for a floating accent)."""
    if t1:
        if code < 32:
            return _T1_LOW[code]
        if code >= 128:
            return "SS" if code == _T1_SS else _T1_HIGH[code - 128]
        return _T1_ASCII.get(code, chr(code))
    if code < 32:
        return _OT1_LOW[code]
    return _OT1_ASCII.get(code, chr(code) if code < 128 else "")
