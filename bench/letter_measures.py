"""How a letter is judged by bench_quality: which of its sentences copy a resume line, and
how alike a letter and its regeneration are.

The letters package owns both measures (refleum.letters.copying.copied_sentences and
refleum.letters.similarity.similarity): the engine avoids copies by the very ruler the bench
judges it with. The bench only decides which sentences a reader judges (greetings and
sign-offs are not).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from refleum.letters.copying import copied_sentences
from refleum.letters.similarity import similarity
from refleum.resume_data import ResumeData

# Greetings, sign-offs and names are not sentences a reader judges.
MIN_SENTENCE_TOKENS = 4

_TOKEN = re.compile(r"[\w$%+#]+(?:[.,'’\-/][\w$%+#]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")


def tokens(text: str) -> list[str]:
    """Lowercase words with their numbers whole ("$1.4m", "30-day"), punctuation dropped."""
    return _TOKEN.findall(text.lower())


def sentences(letter: str) -> list[str]:
    """The letter's sentences a reader judges, one per entry (greetings and sign-offs left out)."""
    found = []
    for line in letter.splitlines():
        for sentence in _SENTENCE_END.split(line.strip()):
            if len(tokens(sentence)) >= MIN_SENTENCE_TOKENS:
                found.append(sentence.strip())
    return found


@dataclass(frozen=True)
class LetterMeasures:
    copied_sentences: Callable[[str, ResumeData], list[str]]
    similarity: Callable[[str, str], float]
    copied_from: str  # where each measure came from, printed with the figures
    similarity_from: str


def letter_measures() -> LetterMeasures:
    """The letters package's measures, named for the printed figures."""
    return LetterMeasures(
        copied_sentences, similarity, "refleum.letters.copying", "refleum.letters.similarity"
    )
