"""How a letter is judged by bench_quality: which of its sentences copy a resume line, and
how alike a letter and its regeneration are.

The letters package owns these measures once it has them (refleum.letters.copying
``copied_sentences(letter, resume) -> list[str]`` and refleum.letters.similarity); until
then, and on any branch without them, the bench's own fallbacks below compute the figure,
and the bench prints which was used, so a figure is never read against the wrong ruler.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from refleum.resume_data import ResumeData
from refleum.tailoring.paths import LineKind, editable_lines

# A line shorter than this is a phrase ("Python", "Led the team"), not a line to copy.
MIN_LINE_TOKENS = 5
# The share of a line's tokens that, found in order in one sentence, make it a copy: the
# definition the letters package was asked to use, so both rulers agree.
COPIED_SHARE = 0.8
# Greetings, sign-offs and names are not sentences a reader judges.
MIN_SENTENCE_TOKENS = 4
# Names the letters package's similarity function may go by, the documented one first.
SIMILARITY_NAMES = ("similarity", "letter_similarity", "text_similarity")

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


def _resume_lines(resume: ResumeData) -> list[list[str]]:
    prose = (LineKind.SUMMARY, LineKind.BULLET)
    lines = [tokens(line.text) for line in editable_lines(resume) if line.kind in prose]
    return [line for line in lines if len(line) >= MIN_LINE_TOKENS]


def _copies(sentence: list[str], line: list[str]) -> bool:
    matcher = SequenceMatcher(None, line, sentence, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks())
    return in_order >= COPIED_SHARE * len(line)


def copied_sentences_fallback(letter: str, resume: ResumeData) -> list[str]:
    """The letter's sentences that hold a resume bullet or summary line nearly whole: at
    least 80 % of the line's tokens, in the line's order (case and punctuation aside)."""
    lines = _resume_lines(resume)
    return [
        sentence
        for sentence in sentences(letter)
        if any(_copies(tokens(sentence), line) for line in lines)
    ]


def _bigrams(text: str) -> set[tuple[str, str]]:
    words = tokens(text)
    return set(zip(words, words[1:], strict=False))


def similarity_fallback(first: str, second: str) -> float:
    """Word-bigram Jaccard: 1.0 for the same text, 0.0 for texts sharing no two-word run."""
    a, b = _bigrams(first), _bigrams(second)
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


@dataclass(frozen=True)
class LetterMeasures:
    copied_sentences: Callable[[str, ResumeData], list[str]]
    similarity: Callable[[str, str], float]
    copied_from: str  # where each measure came from, printed with the figures
    similarity_from: str


def _module(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:  # the module exists but something it imports is broken
            raise
        return None


def letter_measures() -> LetterMeasures:
    """The letters package's measures where it has them, the fallbacks above otherwise."""
    copied, copied_from = copied_sentences_fallback, "bench fallback (80 % of a line in order)"
    copying = _module("refleum.letters.copying")
    if copying is not None and hasattr(copying, "copied_sentences"):
        copied, copied_from = copying.copied_sentences, "refleum.letters.copying"
    similar, similar_from = similarity_fallback, "bench fallback (word-bigram Jaccard)"
    module = _module("refleum.letters.similarity")
    for name in SIMILARITY_NAMES if module is not None else ():
        if callable(getattr(module, name, None)):
            similar, similar_from = getattr(module, name), f"refleum.letters.similarity.{name}"
            break
    return LetterMeasures(copied, similar, copied_from, similar_from)
