"""Knowledge that tells the pieces of an entry header apart, in seven languages.

Job titles are recognised by their head nouns (an occupation lexicon in en/es/fr/de/pt/it/nl,
German and Dutch compounds by their last part: "Softwareentwickler"), employers by legal-form
suffixes and employer nouns (degrees and schools: ``education_lexicon``). No maintained offline
package ships occupation titles in these languages (O*NET and ESCO are downloads, not
packages), so the lexicon is curated data: ``data/entry_lexicon.json``.

Words compare casefolded and without accents, so "Ingénieur", "ingenieur" and "INGÉNIEUR"
are one word. The lists decide *which* field a piece belongs in; they never produce text.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from refleum.parsing import vocabulary

# Degrees and schools have a lexicon of their own; these names stay for the entry readers.
from refleum.parsing.education_lexicon import looks_like_degree as looks_like_degree
from refleum.parsing.education_lexicon import looks_like_school as looks_like_school
from refleum.parsing.folding import fold

_TOKEN = re.compile(r"[^\W\d_][\w.'&-]*", re.UNICODE)
# A compound whose last part is an occupation ("Projektleiter") needs a real first part.
_COMPOUND_MIN_PREFIX = 3


@cache
def _lexicon() -> dict:
    text = (
        resources.files("refleum.parsing")
        .joinpath("data/entry_lexicon.json")
        .read_text(encoding="utf-8")
    )
    raw = json.loads(text)
    return {
        "occupations": frozenset(w for words in raw["occupations"].values() for w in words),
        "compound_heads": tuple(raw["compound_heads"]),
        "company_suffixes": frozenset(raw["company_suffixes"]),
    }


def _tokens(text: str) -> list[tuple[str, str]]:
    """(token as written, folded form) for each word of ``text``; a hyphenated word also
    counts by its parts ('Co-Founder')."""
    found: list[tuple[str, str]] = []
    for token in _TOKEN.findall(text):
        folded = fold(token).strip("'-&")
        if folded:
            found.append((token, folded))
            if "-" in folded:
                found.extend((part, part) for part in folded.split("-") if part)
    return found


def words(text: str) -> list[str]:
    return [folded for _, folded in _tokens(text)]


def _is_occupation(token: str, word: str) -> bool:
    lexicon = _lexicon()
    if word in lexicon["occupations"] or vocabulary.looks_like_role(token):
        return True
    return any(
        word.endswith(head) and len(word) - len(head) >= _COMPOUND_MIN_PREFIX
        for head in lexicon["compound_heads"]
    )


def _is_employer_word(token: str, word: str) -> bool:
    return word in _lexicon()["company_suffixes"] or vocabulary.looks_like_company(token)


def title_score(text: str) -> int:
    """How much ``text`` reads as a job title rather than an employer: occupation words
    count for it, legal forms and employer nouns against it."""
    tokens = _tokens(text)
    roles = sum(_is_occupation(token, word) for token, word in tokens)
    employers = sum(_is_employer_word(token, word) for token, word in tokens)
    return 3 * roles - 2 * employers


def looks_like_title(text: str) -> bool:
    return title_score(text) > 0


def looks_like_employer(text: str) -> bool:
    return any(_is_employer_word(token, word) for token, word in _tokens(text))


def leading_degree(text: str) -> str:
    """'PhD Stanford University' -> 'PhD': a degree abbreviation written as the first word of
    a piece whose rest names a school. '' when the piece does not start that way."""
    first, _, rest = text.partition(" ")
    # 'BSc, University of X' is already cut at its comma.
    if not rest or first.endswith(",") or not vocabulary.looks_like_degree(first) or len(first) > 6:
        return ""
    return first if looks_like_school(rest.split(",")[0]) else ""


# "Grade: 4.0", "GPA: 3.8/4", "Note : 16/20", "Abschlussnote: 1,3": a labelled result of a
# degree. It belongs to the entry above it wherever it stands, even after its bullets;
# read as a header line it would open an entry of its own.
_GRADE_LINE = re.compile(
    r"^(?:grade|final grade|gpa|cgpa|score|average|note|note finale|moyenne|mention|"
    r"abschlussnote|gesamtnote|nota|nota final|nota media|media|voto|voto finale|"
    r"cijfer|eindcijfer)\s*:\s*\S.{0,24}$",
    re.IGNORECASE,
)


def is_grade_line(text: str) -> bool:
    """A labelled grade on a line of its own ("Grade: 4.0")."""
    return _GRADE_LINE.match(text.strip()) is not None
