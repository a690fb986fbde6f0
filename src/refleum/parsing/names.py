"""Whether a header line is the person's name, and which header line is.

A name is a few capitalised words. What it is not, by general knowledge of how resumes
are set: a document title ("Curriculum Vitae", "Bewerbung"), a line without letters (an
icon), or words joined by an ordinary lowercase word ("Teacher of Mathematics", "Skip to
content"): the lowercase words a name carries are particles ("van", "de", "bin").
"""

from __future__ import annotations

import re

from refleum.parsing.vocabulary import looks_like_role

DOCUMENT_TITLES = {
    "curriculum vitae",
    "resume",
    "résumé",
    "cv",
    "curriculum",
    "lebenslauf",
    "bewerbung",
    "bewerbungsunterlagen",
    "application",
    "candidature",
    "cover letter",
    "anschreiben",
    "lettre de motivation",
}
_PARTICLES = {
    "al", "bin", "binti", "ibn", "da", "das", "de", "del", "della", "den", "der", "des",
    "di", "do", "dos", "du", "el", "la", "le", "st", "ten", "ter", "van", "von", "y", "zu",
    "af", "av", "e",
}  # fmt: skip
_NAME_WORD = re.compile(r"^[^\W\d_][\w'.\-]*$")
MIN_SURNAME_LETTERS = 2


def _has_common_lowercase_word(words: list[str]) -> bool:
    """A lowercase word that is not a particle, in a line that is not all lowercase."""
    if all(word.islower() for word in words):
        return False  # a name set in lowercase on purpose ("jane doe")
    return any(word[:1].islower() and word.casefold() not in _PARTICLES for word in words)


def looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 5
        and text.strip().casefold() not in DOCUMENT_TITLES
        and len(text) <= 48
        and all(_NAME_WORD.match(word) for word in words)
        and not _has_common_lowercase_word(words)
        and not looks_like_role(text)
    )


def is_clearly_not_name(text: str) -> bool:
    """A title line the extractor set large that cannot be a name: a document title, an
    icon or rule with no letters, or a phrase joined by an ordinary lowercase word."""
    words = text.split()
    return (
        not any(char.isalpha() for char in text)
        or text.strip().casefold() in DOCUMENT_TITLES
        or _has_common_lowercase_word(words)
    )
