"""Proficiency levels set beside a skill or language as a second column ("French   Mother
tongue", extracted as "French Mother tongue"): the item is the skill, not the level."""

from __future__ import annotations

import re

_LEVELS = (
    # English
    "native", "native speaker", "mother tongue", "first language", "bilingual", "fluent",
    "proficient", "advanced", "upper intermediate", "intermediate", "beginner",
    "elementary", "notions", "working knowledge", "conversational", "expert", "very good",
    # French, German, Spanish, Portuguese, Dutch, Italian
    "langue maternelle", "maternelle", "courant", "bilingue", "niveau scolaire", "notions",
    "intermédiaire", "débutant", "avancé", "muttersprache", "fließend", "grundkenntnisse",
    "gute kenntnisse", "sehr gute kenntnisse", "verhandlungssicher", "nativo", "nativa",
    "fluido", "fluente", "avanzado", "avançado", "intermedio", "intermediário", "básico",
    "moedertaal", "vloeiend", "madrelingua",
    # CEFR
    "a1", "a2", "b1", "b2", "c1", "c2",
)  # fmt: skip
_LEVEL = "|".join(re.escape(level) for level in sorted(set(_LEVELS), key=len, reverse=True))
# Not "basic" (Visual Basic) nor "master" (Scrum Master): words that end skill names.
_ONLY_LEVEL = re.compile(rf"^\(?(?:{_LEVEL}|master)\)?$", re.IGNORECASE)
# The level after the skill with only space between: a second column of the layout.
# Written with punctuation ("English (native)", "Spanish – Native") it is one item.
_TRAILING_LEVEL = re.compile(rf"^(?P<skill>.*?[\w+#])\s+(?:{_LEVEL})\s*$", re.IGNORECASE)


def without_level(item: str) -> str:
    """'French Mother tongue' -> 'French'; an item that is only a level stays as it is."""
    match = _TRAILING_LEVEL.match(item)
    return match.group("skill") if match else item


def is_level(item: str) -> bool:
    """'Fluent', '(B2)', 'Master' on a line of their own: a level, not an item."""
    return bool(_ONLY_LEVEL.match(item.strip()))
