"""One way to compare words across the lexicons: casefolded, accents and dots removed."""

from __future__ import annotations

import unicodedata


def fold(word: str) -> str:
    """Casefolded, accents removed, dots dropped: 'S.A.' -> 'sa', 'Ingénieure' -> 'ingenieure'."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace(".", "")
