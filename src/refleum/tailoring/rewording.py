"""Rewordings the local engine may make to a resume line without adding anything.

Two kinds, both meaning-preserving:

* **Term swaps**: a skill the resume writes one way and the JD another ("Postgres" vs
  "PostgreSQL") is rewritten in the JD's spelling. Only the same canonical skill, and only
  when the swap keeps the sentence grammatical (same number of words, not a plural form).
* **Opening verbs** (English bullets): "Responsible for managing X" becomes "Managed X";
  an opening verb becomes the JD's verb of the same meaning class (``data/verb_classes.json``,
  see verbs.py) when it fits the object: "Developed an ETL pipeline" -> "Built an ETL
  pipeline" when the JD asks to "build", never "Created write-ups" -> "Built write-ups".
  Verbs only; no noun, number or name changes.
"""

from __future__ import annotations

import re

from refleum.analysis.relevance import JobProfile
from refleum.analysis.skills import SkillMention, find_skills
from refleum.tailoring.verbs import (
    DUTY_OPENER,
    FILLER_OPENER,
    GERUND_TO_PAST,
    LEGACY_REWORDING,
    fits_object,
    legacy_table,
    verb_table,
)

_FIRST_WORD = re.compile(r"^([A-Za-z]+)\b")


def _plural_pair(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a + "s" == b or b + "s" == a or a + "es" == b or b + "es" == a


def _swappable(mention: SkillMention, jd_surface: str) -> bool:
    if mention.surface.lower() == jd_surface.lower():
        return False  # only case differs: the resume's casing is as good
    if len(mention.surface.split()) != len(jd_surface.split()):
        return False  # "REST endpoints" must not become "REST APIs endpoints"
    return not _plural_pair(mention.surface, jd_surface)


def swap_terms(text: str, profile: JobProfile) -> tuple[str, list[str]]:
    """``text`` with JD skills in the JD's spelling, and one "old -> new" note per swap."""
    mentions = find_skills(text)
    pieces, notes, cursor = [], [], 0
    for mention in mentions:
        jd_surface = profile.wording.get(mention.canonical)
        if jd_surface is None or not _swappable(mention, jd_surface):
            continue
        pieces += [text[cursor : mention.start], jd_surface]
        cursor = mention.end
        notes.append(f'"{mention.surface}" -> "{jd_surface}"')
    if not notes:
        return text, []
    swapped = "".join(pieces) + text[cursor:]
    # The same skills, in the same order, must still be found: a swap never changes facts.
    if [m.canonical for m in find_skills(swapped)] != [m.canonical for m in mentions]:
        return text, []
    return swapped, notes


def jd_verbs(profile: JobProfile, responsibilities: list[str]) -> list[str]:
    """Base-form verbs the JD uses, responsibility openers first."""
    openers = [m.group(1).lower() for r in responsibilities if (m := _FIRST_WORD.match(r))]
    return openers + sorted(profile.words)


def normalise_opening(text: str, verbs: list[str]) -> tuple[str, list[str]]:
    """Reword a bullet's opening verb; returns the new text and notes on what changed."""
    notes: list[str] = []
    duty = DUTY_OPENER.match(text)
    if duty and duty.group("gerund").lower() in GERUND_TO_PAST:
        past = GERUND_TO_PAST[duty.group("gerund").lower()]
        notes.append(f'"{duty.group(0).strip()}" -> "{past}"')
        text = past + " " + text[duty.end() :]
    filler = FILLER_OPENER.match(text)
    if filler:
        notes.append(f'dropped "{filler.group(0).strip()}"')
        rest = text[filler.end() :]
        text = rest[:1].upper() + rest[1:]
    first = _FIRST_WORD.match(text)
    table = legacy_table() if LEGACY_REWORDING.get() else verb_table()
    verb_class = table.class_of(first.group(1)) if first else None
    if first and verb_class:
        rest = text[first.end() :]
        target = next(
            (
                verb_class.past[v]
                for v in verbs
                if v in verb_class.past and fits_object(verb_class, v, rest)
            ),
            None,
        )
        if target and target.lower() != first.group(1).lower():
            notes.append(f'"{first.group(1)}" -> "{target}"')
            text = target + rest
    return text, notes
