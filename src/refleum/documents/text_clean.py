"""Character-level clean-up shared by the PDF and DOCX readers."""

from __future__ import annotations

import re
import unicodedata

# Glyphs resume producers use as list markers (Symbol-font U+F0B7 and friends included).
# No em dash: a wrapped "Engineer — Acme" puts one at the start of a line.
# Glyphs that only ever mark list items may touch their text ("•Led"); the dash and
# star also start ordinary text ("-5%", "*required"), so they need a space after.
# Private-use list markers of the Symbol and Wingdings fonts: read as "•".
PUA_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf071\uf0a4"
_MARKER_ONLY = PUA_BULLETS + "•▪◦●\u2023\u2043\u2219·■□▫◆◇○►▶➢➤✓✔❖→"
BULLET_GLYPHS = _MARKER_ONLY + "–-*"
_BULLET_RE = re.compile(
    rf"^\s*(?:[{re.escape(_MARKER_ONLY)}]+\s*|[{re.escape(BULLET_GLYPHS)}]+\s+)(?=\S)"
)
_LONE_BULLET_RE = re.compile(rf"^\s*[{re.escape(BULLET_GLYPHS)}]+\s*$")
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_TRAILING_SOFT_HYPHEN = re.compile(r"\u00ad\s*$")
_HYPHEN_CHARS = re.compile(r"[\u2010\u2011]")
_HYPHENATED_END = re.compile(r"(?<=[^\W\d_])-$")


_PUA_BULLET_RE = re.compile(f"[{PUA_BULLETS}]")
# Between digits a soft hyphen is the dash of a range ("2019\u00ad2021").
_DIGIT_SOFT_HYPHEN = re.compile(r"(?<=\d)\u00ad(?=\d)")
# "Dec, 20141 year": a theme's duration badge set right against the range's end year.
# Apart, the year reads as a date again and the duration can be told from it.
# The same after an open end ("Present3 years").
_GLUED_DURATION = re.compile(
    r"(?<![\d.,])((?:19|20)\d{2}|\b(?:present|current|now|today))"
    r"(?=\d{1,2} ?(?:years?|yrs?|months?|mos?)\b)",
    re.IGNORECASE,
)
# A rating drawn with glyphs ("Spanish ● ● ● ○ ○"): pictures, not words.
_RATING_RUN = re.compile(r"(?:\s*[●○◉◯★☆]){3,}\s*$")


def is_unprintable(ch: str) -> bool:
    """Controls (but newline and tab), private-use and surrogate code points."""
    return ch not in "\n\t" and unicodedata.category(ch) in ("Cc", "Co", "Cs")


def sanitize(text: str) -> str:
    """Text safe to store: no NUL, C0/C1 control (but newline, tab), private-use or
    surrogate character, whatever produced it. A stray carriage return (some PDFs put
    one between every word) is a space; CRLF is a newline."""
    text = text.replace("\r\n", "\n").replace("\r", " ")
    text = _PUA_BULLET_RE.sub("•", text)
    return "".join(ch for ch in text if not is_unprintable(ch))


def clean(text: str) -> str:
    """NFC, ligatures expanded, odd spaces made plain, runs of spaces collapsed,
    unprintable characters gone (see ``sanitize``)."""
    text = sanitize(text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = _DIGIT_SOFT_HYPHEN.sub("-", text)
    text = _GLUED_DURATION.sub(r"\1 ", text)
    # A soft hyphen ending a line is a word broken there; elsewhere it is invisible.
    text = _TRAILING_SOFT_HYPHEN.sub("-", text.rstrip("\n"))
    text = _HYPHEN_CHARS.sub("-", text)
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    text = unicodedata.normalize("NFC", _RATING_RUN.sub("", text))
    return re.sub(r" {2,}", " ", text).strip()


def strip_bullet(text: str) -> str | None:
    """The item text when ``text`` starts with a bullet glyph, else None."""
    match = _BULLET_RE.match(text)
    return text[match.end() :].strip() if match else None


def is_lone_bullet(text: str) -> bool:
    return bool(_LONE_BULLET_RE.match(text))


def ends_hyphenated(text: str) -> bool:
    return bool(_HYPHENATED_END.search(text))


def join_wrapped(first: str, second: str) -> str:
    """Join two visual lines of one sentence, undoing end-of-line hyphenation.

    "develop-" + "ment" -> "development", but a compound already carrying a hyphen
    ("end-to-" + "end") keeps it, and so does a break before a capital ("Jean-" + "Luc").
    """
    first, second = first.rstrip(), second.lstrip()
    if not first:
        return second
    if ends_hyphenated(first) and second[:1].islower():
        last_word = first.rsplit(" ", 1)[-1]
        if last_word[:-1].count("-") == 0:
            return first[:-1] + second
        return first + second
    return f"{first} {second}"
