"""Spelling variants of a skill name, folded in one place for the scorer and the gap report.

"Time management", "Time-Management", "time managements" and "TimeManagement" are one
skill written four ways; a resume saying any of them states the skill. The fold is:
lowercase, split on anything that is not a letter, digit, ``+`` or ``#``, drop a simple
plural ``s`` from each word, then join the words with nothing in between (so hyphen,
space and no separator compare equal).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W_]+[+#]*|[+#]+")
# Shorter keys ("go", "r", "c") are ordinary words or letters: folding their case and
# separators would find them in prose, so they are left to the exact matcher.
MIN_KEY_LENGTH = 4


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The folded words of ``text``: lowercase, simple plurals made singular."""
    return [_singular(w.lower()) for w in _WORD.findall(text)]


def variant_key(text: str) -> str:
    """One key per spelling family: ``variant_key("Time-Management") == "timemanagement"``."""
    return "".join(words(text))


def line_states(term: str, line: str) -> bool:
    """Whether ``line`` writes ``term`` under any spelling variant (whole words)."""
    return words_state(term, words(line))


def words_state(term: str, tokens: list[str]) -> bool:
    """Whether the folded words of a line (:func:`words`) write ``term`` in any variant."""
    key = variant_key(term)
    if len(key) < MIN_KEY_LENGTH:
        return False
    span = len(words(term)) + 1
    for i in range(len(tokens)):
        joined = ""
        for token in tokens[i : i + span]:
            joined += token
            if joined == key:
                return True
            if len(joined) >= len(key):
                break
    return False
