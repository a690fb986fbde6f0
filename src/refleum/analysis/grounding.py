"""Grounding by rule: a value is grounded when its text occurs in the source.

Both sides are normalised the same way (case, Unicode form, whitespace, bullet glyphs,
dash and quote variants, free-standing list/heading marks), then the value must occur
in the source as a whole token run: ``Java`` is not grounded by ``JavaScript`` and ``5``
is not grounded by ``15``, because either would let an invented skill or number through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from refleum.resume_data import ResumeData

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2043\ufe58\ufe63\uff0d"
_BULLETS = "\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2219\u00b7\u30fb\uf0b7\uf0a7\u27a2\u25b8\u25ba"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

_TRANSLATION = str.maketrans(
    {
        **{ch: "-" for ch in _DASHES},
        # Bullet glyphs separate, they never carry content: a space wherever they stand.
        **{ch: " " for ch in _BULLETS},
        **{ch: "'" for ch in _SINGLE_QUOTES},
        **{ch: '"' for ch in _DOUBLE_QUOTES},
        **{ch: None for ch in _INVISIBLE},
    }
)
# A dash, list marker or heading hash standing alone between spaces is structure, not
# content ("Title — Company", "- bullet", "## Skills"): it folds to a space. The rule
# looks only at a mark's neighbours, never at line starts, so a value joined from two
# lines normalises exactly like the same two lines in the source.
_STANDALONE_MARK = re.compile(r"(?:^|(?<=\s))(?:[-*+]|#{1,6})(?=\s|$)")
_WHITESPACE = re.compile(r"\s+")


def normalize_for_grounding(text: str) -> str:
    """Fold ``text`` to the form grounding compares: casefolded NFKC, one space, one dash."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    folded = folded.translate(_TRANSLATION)
    folded = _STANDALONE_MARK.sub(" ", folded)
    return _WHITESPACE.sub(" ", folded).strip()


def occurs_in(normalized_value: str, normalized_source: str) -> bool:
    """True when the value occurs in the source without cutting a word or number in two."""
    if not normalized_value:
        return True
    check_start = normalized_value[0].isalnum()
    check_end = normalized_value[-1].isalnum()
    start = normalized_source.find(normalized_value)
    while start != -1:
        end = start + len(normalized_value)
        before_ok = not check_start or start == 0 or not normalized_source[start - 1].isalnum()
        after_ok = (
            not check_end or end == len(normalized_source) or not normalized_source[end].isalnum()
        )
        if before_ok and after_ok:
            return True
        start = normalized_source.find(normalized_value, start + 1)
    return False


def string_values(data: ResumeData) -> Iterator[tuple[str, str]]:
    """Every content string in ``data`` with its path (``workExperience[0].title``)."""
    yield from _walk(data.model_dump(), "")


def _walk(node: object, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{path}[{index}]")
    elif isinstance(node, dict):
        for key, value in node.items():
            # A custom section's ``type`` is a schema literal, not text from the resume.
            if key == "type" and path.startswith("customSections."):
                continue
            yield from _walk(value, f"{path}.{key}" if path else key)


def ungrounded_values(data: ResumeData, source_text: str) -> list[tuple[str, str]]:
    """(path, value) for every non-empty string in ``data`` that the source does not contain."""
    source = normalize_for_grounding(source_text)
    return [
        (path, value)
        for path, value in string_values(data)
        if value.strip() and not occurs_in(normalize_for_grounding(value), source)
    ]
