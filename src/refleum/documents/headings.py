"""Which section a heading names, in the languages resumes are written in.

The titles are data (data/headings.json, by kind and language). A heading matches a
title case- and accent-insensitively ("EXPÉRIENCE", "Experience:"), with "&" and
"and"/"und"/"y"/"et"/"e"/"en" alike, after a leading number, a trailing date or a
count of its entries ("Education (2)"), with one typo per word of six letters or
more ("Techincal Skills", "Experiance"), and with its words run together where the
PDF drew no gap ("WorkExperience").
Only whole headings match: a sentence that contains a title never does.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

_LEXICON = Path(__file__).with_name("data") / "headings.json"
# A heading is short; longer lines are content even when they start like a title.
MAX_HEADING_WORDS = 6
MAX_HEADING_CHARS = 48
_FUZZY_MIN_LETTERS = 6
_AND = re.compile(r"\s(?:and|und|y|et|e|en|i)\s|\s*[&+/]\s*")
_NUMBERING = re.compile(r"^(?:\d{1,2}|[ivx]{1,4})[.)]\s+")
# "Experience (2015 – present)", "Berufserfahrung 2010 - heute": the dates go.
_TRAILING_DATES = re.compile(r"[\s(\[,|–—-]*(?:19|20)\d{2}\b.*$")
# "Work Experience(3)", "Education [2]": a web profile counts the entries it lists.
_TRAILING_COUNT = re.compile(r"\s*[(\[]\d{1,3}[)\]]$")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def _fold(text: str) -> str:
    """Lower case, no accents, one space, "&" for "and" in any language."""
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'").casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _AND.sub(" & ", f" {text} ")
    return re.sub(r"\s+", " ", text).strip()


@cache
def _titles() -> dict[str, str]:
    """Folded title -> kind."""
    data = json.loads(_LEXICON.read_text(encoding="utf-8"))
    return {
        _fold(title): kind
        for kind, languages in data.items()
        if not kind.startswith("_")
        for titles in languages.values()
        for title in titles
    }


@cache
def _glued_titles() -> dict[str, str]:
    """Several-word folded title with its spaces removed -> kind."""
    return {
        title.replace(" ", ""): kind
        for title, kind in _titles().items()
        if " " in title and "&" not in title
    }


def _key(text: str) -> str:
    text = _TRAILING_DATES.sub("", _TRAILING_COUNT.sub("", text.strip()))
    words = text.split()
    if len(words) >= 4 and all(len(word) == 1 for word in words):
        text = "".join(words)  # letter-spaced: "E X P E R I E N C E"
    key = _fold(_NUMBERING.sub("", text))
    return _EDGE.sub("", key)


@lru_cache(maxsize=4096)
def heading_kind(text: str) -> str | None:
    """The section kind ``text`` names as a whole heading, or None."""
    if len(text) > 4 * MAX_HEADING_CHARS:  # letter-spaced headings double in length
        return None
    key = _key(text)
    if len(key) > MAX_HEADING_CHARS or len(key.split()) > MAX_HEADING_WORDS:
        return None
    if not key:
        return None
    titles = _titles()
    if key in titles:
        return titles[key]
    if " " not in key and key in _glued_titles():
        return _glued_titles()[key]
    kinds = {kind for title, kind in titles.items() if _near(key, title)}
    return kinds.pop() if len(kinds) == 1 else None


def _near(key: str, title: str) -> bool:
    """Each word equal, or one typo away when both are long enough to misspell safely."""
    words, title_words = key.split(), title.split()
    if len(words) != len(title_words) or key == title:
        return False
    for word, expected in zip(words, title_words, strict=True):
        if word == expected:
            continue
        if min(len(word), len(expected)) < _FUZZY_MIN_LETTERS:
            return False
        # "Experienced" vs "experiences", "Trainings": another ending is another word.
        if _shared_prefix(word, expected) >= min(len(word), len(expected)) - 1:
            return False
        if not _one_edit_apart(word, expected):
            return False
    return True


def _one_edit_apart(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance of exactly one (substitution, insertion, deletion or
    adjacent transposition), in linear time since only one edit is allowed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    prefix = _shared_prefix(a, b)
    if len(a) == len(b):
        if a[prefix + 1 :] == b[prefix + 1 :]:
            return True  # one substitution
        swapped = a[prefix + 1 : prefix + 2] + a[prefix] + a[prefix + 2 :]
        return swapped == b[prefix:]  # one adjacent transposition
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[prefix + 1 :] == shorter[prefix:]  # one insertion/deletion


def _shared_prefix(a: str, b: str) -> int:
    length = 0
    while length < min(len(a), len(b)) and a[length] == b[length]:
        length += 1
    return length
