"""Rewordings the local engine may make to a resume line without adding anything.

Two kinds, both meaning-preserving:

* **Term swaps**: a skill the resume writes one way and the JD another ("Postgres" vs
  "PostgreSQL") is rewritten in the JD's spelling. Only the same canonical skill, and only
  when the swap keeps the sentence grammatical (same number of words, not a plural form).
* **Opening verbs** (English bullets): "Responsible for managing X" becomes "Managed X";
  an opening verb becomes the JD's synonym for it ("Developed" -> "Built" when the JD asks
  to "build"). Verbs only; no noun, number or name changes.
"""

from __future__ import annotations

import re

from refleum.analysis.relevance import JobProfile
from refleum.analysis.skills import SkillMention, find_skills

_GERUND_TO_PAST = {
    "managing": "Managed", "leading": "Led", "developing": "Developed", "building": "Built",
    "designing": "Designed", "maintaining": "Maintained", "creating": "Created",
    "coordinating": "Coordinated", "overseeing": "Oversaw", "supporting": "Supported",
    "handling": "Handled", "providing": "Provided", "implementing": "Implemented",
    "training": "Trained", "writing": "Wrote", "running": "Ran", "planning": "Planned",
    "analyzing": "Analyzed", "analysing": "Analysed", "preparing": "Prepared",
    "monitoring": "Monitored", "delivering": "Delivered", "improving": "Improved",
    "ensuring": "Ensured", "supervising": "Supervised", "reviewing": "Reviewed",
    "conducting": "Conducted", "organizing": "Organized", "organising": "Organised",
    "administering": "Administered", "assessing": "Assessed", "teaching": "Taught",
    "selling": "Sold", "negotiating": "Negotiated", "processing": "Processed",
    "testing": "Tested", "deploying": "Deployed", "operating": "Operated", "owning": "Owned",
    "driving": "Drove", "establishing": "Established", "executing": "Executed",
    "facilitating": "Facilitated", "mentoring": "Mentored", "recruiting": "Recruited",
    "scheduling": "Scheduled", "tracking": "Tracked", "reconciling": "Reconciled",
    "documenting": "Documented", "researching": "Researched", "producing": "Produced",
    "launching": "Launched", "optimizing": "Optimized", "automating": "Automated",
    "migrating": "Migrated", "integrating": "Integrated", "resolving": "Resolved",
    "answering": "Answered", "serving": "Served", "assisting": "Assisted",
    "coaching": "Coached", "evaluating": "Evaluated",
}  # fmt: skip
_DUTY_OPENER = re.compile(
    r"^(?:I was |was |were )?(?:responsible for|in charge of|tasked with|duties included)\s+"
    r"(?P<gerund>[a-z]+ing)\b\s*",
    re.IGNORECASE,
)
_FILLER_OPENER = re.compile(r"^(?:successfully|effectively)\s+(?=[A-Za-z])", re.IGNORECASE)

# Synonym groups of opening verbs: base form -> past tense, in preference order.
_VERB_GROUPS: tuple[dict[str, str], ...] = (
    {"build": "Built", "develop": "Developed", "create": "Created", "implement": "Implemented"},
    {"design": "Designed", "architect": "Architected"},
    {"lead": "Led", "head": "Headed", "direct": "Directed"},
    {"manage": "Managed", "oversee": "Oversaw", "supervise": "Supervised"},
    {"improve": "Improved", "enhance": "Enhanced", "optimize": "Optimized"},
    {"analyze": "Analyzed", "evaluate": "Evaluated", "assess": "Assessed"},
    {"teach": "Taught", "train": "Trained", "instruct": "Instructed", "educate": "Educated"},
    {"deliver": "Delivered", "ship": "Shipped", "launch": "Launched"},
    {"write": "Wrote", "author": "Authored", "draft": "Drafted"},
    {"coordinate": "Coordinated", "organize": "Organized"},
    {"collaborate": "Collaborated", "partner": "Partnered"},
)
_PAST_TO_GROUP = {past.lower(): group for group in _VERB_GROUPS for past in group.values()}
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
    duty = _DUTY_OPENER.match(text)
    if duty and duty.group("gerund").lower() in _GERUND_TO_PAST:
        past = _GERUND_TO_PAST[duty.group("gerund").lower()]
        notes.append(f'"{duty.group(0).strip()}" -> "{past}"')
        text = past + " " + text[duty.end() :]
    filler = _FILLER_OPENER.match(text)
    if filler:
        notes.append(f'dropped "{filler.group(0).strip()}"')
        rest = text[filler.end() :]
        text = rest[:1].upper() + rest[1:]
    first = _FIRST_WORD.match(text)
    group = _PAST_TO_GROUP.get(first.group(1).lower()) if first else None
    if first and group:
        target = next((group[v] for v in verbs if v in group), None)
        if target and target.lower() != first.group(1).lower():
            notes.append(f'"{first.group(1)}" -> "{target}"')
            text = target + text[first.end() :]
    return text, notes
