"""Knowledge that tells a degree from a school, in seven languages.

Degrees are recognised by the kinds of degree people write ("Licence", "Mestrado",
"B.Sc.", "Staatsexamen"), schools by the kinds of school ("Université", "Hochschule",
"IUFM"), German and Dutch compounds by their last part ("Fachhochschule", "Musikschule").
The words are curated data (``data/education_lexicon.json``): no maintained offline
package lists degree and school kinds across these languages. They decide *which* field a
piece belongs in; they never produce text.

Words compare as ``folding.fold`` makes them: casefolded, no accents, no dots.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from refleum.parsing import vocabulary
from refleum.parsing.folding import fold

_TOKEN = re.compile(r"[^\W\d_][\w.'-]*", re.UNICODE)
_NON_WORD = re.compile(r"[^\w-]+")  # phrases compare word by word: 'A levels:' is 'a levels'
# A compound whose last part is a kind of school ("Realschule") needs a real first part.
_COMPOUND_MIN_PREFIX = 3
# "Abschluss: Diplom" / "School: Lycée X": a label a form-like layout writes before a value.
_LABELLED = re.compile(r"^\s*([^\W\d_][^\W\d_ ]*(?: [^\W\d_]+)?)\s*:\s+(\S.*)$")


@cache
def _lexicon() -> dict:
    text = (
        resources.files("refleum.parsing")
        .joinpath("data/education_lexicon.json")
        .read_text(encoding="utf-8")
    )
    raw = json.loads(text)
    return {
        "degree_words": frozenset(w for words in raw["degree_words"].values() for w in words),
        "degree_phrases": tuple(raw["degree_phrases"]),
        "institution_words": frozenset(
            w for words in raw["institution_words"].values() for w in words
        ),
        "institution_suffixes": tuple(raw["institution_suffixes"]),
        "institution_acronyms": frozenset(raw["institution_acronyms"]),
        "degree_suffixes": tuple(raw["degree_suffixes"]),
        "note_labels": frozenset(raw["note_labels"]),
        "degree_labels": frozenset(raw["degree_labels"]),
        "institution_labels": frozenset(raw["institution_labels"]),
    }


def _words(text: str) -> list[str]:
    """Folded words of ``text``; a hyphenated word also counts by its parts
    ('Dipl.-Ing.' is 'dipl-ing', 'dipl' and 'ing')."""
    found: list[str] = []
    for token in _TOKEN.findall(text):
        folded = fold(token).strip("'-")
        if folded:
            found.append(folded)
            if "-" in folded:
                found.extend(part for part in folded.split("-") if part)
    return found


def _has_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    folded = f" {' '.join(_NON_WORD.sub(' ', fold(text)).split())} "
    return any(f" {phrase} " in folded for phrase in phrases)


def _ends_with(word: str, suffixes: tuple[str, ...]) -> bool:
    return any(
        word.endswith(suffix) and len(word) - len(suffix) >= _COMPOUND_MIN_PREFIX
        for suffix in suffixes
    )


def looks_like_degree(text: str) -> bool:
    lexicon = _lexicon()
    return (
        vocabulary.looks_like_degree(text)
        or any(
            word in lexicon["degree_words"] or _ends_with(word, lexicon["degree_suffixes"])
            for word in _words(text)
        )
        or _has_phrase(text, lexicon["degree_phrases"])
    )


def _is_school_word(word: str) -> bool:
    lexicon = _lexicon()
    return word in lexicon["institution_words"] or _ends_with(word, lexicon["institution_suffixes"])


def looks_like_school(text: str) -> bool:
    """School words in any case; kinds of school written as capitals ('TU Dresden', 'IUT
    Lyon') only as capitals, since 'tu' or 'th' in lower case are other words."""
    acronyms = _lexicon()["institution_acronyms"]
    return (
        vocabulary.looks_like_institution(text)
        or any(_is_school_word(word) for word in _words(text))
        or any(token.replace(".", "") in acronyms for token in text.split())
    )


def labelled_value(text: str) -> tuple[str, str] | None:
    """('degree', 'institution' or 'note', the value) for 'Abschluss: Dipl.-Ing.', 'School:
    Lycée Victor Hugo' or 'Thesis: …' / 'GPA: 3.9' (a note about the school, never its
    name or degree); None when ``text`` is not led by such a label. The value is a slice
    of ``text``."""
    match = _LABELLED.match(text)
    if match is None:
        return None
    label = fold(match.group(1))
    if label in _lexicon()["degree_labels"]:
        return "degree", match.group(2).strip()
    if label in _lexicon()["institution_labels"]:
        return "institution", match.group(2).strip()
    if label in _lexicon()["note_labels"]:
        return "note", match.group(2).strip()
    return None
