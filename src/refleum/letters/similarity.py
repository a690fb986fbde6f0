"""How alike two versions of a letter are: the Jaccard index of their word bigrams.

``|A ∩ B| / |A ∪ B|`` over the sets of adjacent word pairs (lowercased, punctuation
dropped, see :func:`copying.words`). 1.0 is the same text, 0.0 shares no two-word phrase.
Bigrams rather than single words because two honest letters about one resume share most
of their vocabulary (the name, the employers, the figures) but not their phrasing; the
aim for a regenerated letter is a similarity under ``REGENERATE_AIM`` to the one it
replaces.
"""

from __future__ import annotations

from refleum.letters.copying import words

REGENERATE_AIM = 0.6


def bigrams(text: str) -> set[tuple[str, str]]:
    tokens = words(text)
    return set(zip(tokens, tokens[1:], strict=False))


def similarity(first: str, second: str) -> float:
    a, b = bigrams(first), bigrams(second)
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)
