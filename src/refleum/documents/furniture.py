"""Page furniture: page numbers and running headers/footers, which are not content.

"1/3", "Page 2 of 3", "Seite 2", "- 2 -", "Página 2 de 3" are page numbers; a line that
recurs on several pages with only its page number changing ("Jane Doe · Résumé | 1",
"John Doe – 1/3") is a running footer. Both turn into spurious entries when kept.
"""

from __future__ import annotations

import re
from collections import Counter

_PAGE_WORD = r"(?:page|pg\.?|p\.|seite|s\.|página|pagina|pág\.?|blz\.?|pagina)"
_OF = r"(?:/|of|von|de|sur|di|van|aus)"
_NUMBER = rf"(?:{_PAGE_WORD}\s*)?(?<!\d)\d{{1,3}}(?:\s*{_OF}\s*\d{{1,3}})?"
_PAGE_NUMBER = re.compile(rf"^[\s\-\u2013\u2014|·(\[]*{_NUMBER}[\s\-\u2013\u2014|·)\]]*$", re.I)
# Explicit page numbers only: a bare "2" can be content outside a page's margins.
_EXPLICIT_PAGE_NUMBER = re.compile(
    rf"^[\s\-\u2013\u2014|·(\[]*(?:{_PAGE_WORD}\s*\d{{1,3}}(?:\s*{_OF}\s*\d{{1,3}})?"
    rf"|\d{{1,3}}\s*{_OF}\s*\d{{1,3}}|[-\u2013\u2014]\s*\d{{1,3}}\s*[-\u2013\u2014])"
    rf"[\s\-\u2013\u2014|·)\]]*$",
    re.I,
)
_TRAILING_NUMBER = re.compile(rf"[\s\-\u2013\u2014|·,(\[]*{_NUMBER}[\s)\]]*$", re.I)
# Without positions, only a number set off like a page number counts: "| 1", "– 1/3",
# "Page 2"; "Python 3" and "Team of 5" are content.
_FOOTER_NUMBER = re.compile(
    rf"(?:\s*[|·\u2013\u2014-]\s*(?:{_PAGE_WORD}\s*)?|\s+{_PAGE_WORD}\s*)(?<!\d)\d{{1,3}}"
    rf"(?:\s*{_OF}\s*\d{{1,3}})?\s*$|\s(?<!\d)\d{{1,3}}\s*/\s*\d{{1,3}}\s*$",
    re.I,
)


def is_page_number(text: str) -> bool:
    """A line that is only a page number, in any form ("2", "1/3", "Seite 2 von 3")."""
    return bool(_PAGE_NUMBER.match(text))


def is_explicit_page_number(text: str) -> bool:
    """A page number that cannot be content: "Page 2", "2 of 3", "- 2 -" (not "2")."""
    return bool(_EXPLICIT_PAGE_NUMBER.match(text))


def masked(text: str) -> str:
    """``text`` with its page number masked, so "Résumé | 1" and "Résumé | 2" compare
    equal; a year ("2019 – 2021") is never taken for a page number."""
    text = text.strip().casefold()
    return _TRAILING_NUMBER.sub(" #", text) if has_words(text) else text


def has_words(text: str) -> bool:
    return sum(ch.isalpha() for ch in _TRAILING_NUMBER.sub("", text)) >= 2


def without_furniture(lines: list[str]) -> list[str]:
    """Text-level fallback for documents without page geometry: drop explicit page
    numbers, and lines that end in a page number and recur with only it changing."""
    numbered = Counter(
        masked(line) for line in lines if has_words(line) and _FOOTER_NUMBER.search(line)
    )
    variants: dict[str, set[str]] = {}
    for line in lines:
        if numbered[masked(line)] >= 2 and _FOOTER_NUMBER.search(line):
            variants.setdefault(masked(line), set()).add(line.strip())
    footers = {key for key, seen in variants.items() if len(seen) >= 2}
    return [
        line
        for line in lines
        if not is_explicit_page_number(line.strip()) and masked(line) not in footers
    ]
