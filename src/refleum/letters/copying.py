"""Does a letter copy the resume instead of writing? The measure the tests and the quality
benchmark share.

A letter sentence *copies* a bullet when its normalised word sequence contains at least
``COPIED_SHARE`` (80 %) of the bullet's words in the bullet's own order (the longest
common subsequence of the two word lists, over the bullet's length). Adding words around a
bullet ("At Acme, I built …") does not hide a copy; reordering its clauses or leaving part
of it out does. Bullets shorter than ``MIN_BULLET_WORDS`` are not judged: any honest
sentence about "Filed 2 patents" must repeat most of it.
"""

from __future__ import annotations

import re

from refleum.letters.evidence import resume_lines
from refleum.letters.grounding import split_sentences
from refleum.resume_data import ResumeData

COPIED_SHARE = 0.8
MIN_BULLET_WORDS = 5
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """Lowercased words and numbers, punctuation dropped ("k8s", "45%" -> "45")."""
    return _WORD.findall(text.casefold())


def copied_share_of(sentence: str, bullet: str) -> float:
    """How much of ``bullet`` (0..1) ``sentence`` repeats in order."""
    bullet_words = words(bullet)
    if not bullet_words:
        return 0.0
    return _common_in_order(words(sentence), bullet_words) / len(bullet_words)


def copies(sentence: str, bullets: list[str]) -> bool:
    return any(
        len(words(bullet)) >= MIN_BULLET_WORDS and copied_share_of(sentence, bullet) >= COPIED_SHARE
        for bullet in bullets
    )


def letter_sentences(letter: str) -> list[str]:
    return [s for line in letter.splitlines() for s in split_sentences(line)]


def copied_sentences(letter: str, resume: ResumeData) -> list[str]:
    """The sentences of ``letter`` that copy one of ``resume``'s bullets."""
    bullets = [line.text for line in resume_lines(resume)]
    return [sentence for sentence in letter_sentences(letter) if copies(sentence, bullets)]


def _common_in_order(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence (dynamic programming, one row)."""
    row = [0] * (len(b) + 1)
    for word in a:
        previous_diagonal = 0
        for j, other in enumerate(b, start=1):
            saved = row[j]
            row[j] = previous_diagonal + 1 if word == other else max(row[j], row[j - 1])
            previous_diagonal = saved
    return row[-1]
