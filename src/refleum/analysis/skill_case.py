"""How a skill is spelled inside a sentence: "Data science" mid-sentence is "data science",
while "Python", "R", "AWS" and "Google Ads" keep the spelling the vocabulary or the JD gives.

A JD lists skills capitalised at the start of each line ("- Charge nurse experience"); a
summary or a letter that restates them mid-sentence must not keep that capital.
"""

from __future__ import annotations

from refleum.analysis.competencies import rules as competency_rules
from refleum.analysis.skills import canonical_skill, is_case_sensitive, skill_category

_COMMON_NOUN_ENDINGS = (
    "ing", "tion", "sion", "ment", "ics", "ity", "ness", "ship", "ence", "ance", "ology",
    "ism", "ure", "ery", "graphy", "work",
)  # fmt: skip


def mid_sentence(name: str, *, lowercase_nouns: bool = True) -> str:
    """A skill's spelling inside a sentence: a common-noun phrase ("Data science",
    "Communication skills", "Logistics") in lowercase where the language writes it so
    (``lowercase_nouns``; German does not); names ("Python", "R", "Google Ads", "AWS",
    "English") as spelled. A skill is a name unless its spelling or the vocabulary says
    otherwise."""
    if not lowercase_nouns or not name[:1].isupper():
        return name
    if is_case_sensitive(name) or any(ch.isupper() for ch in name[1:]):
        return name  # an acronym, a product ("PostgreSQL"), a name of several words
    canonical = canonical_skill(name) or ""
    first = name.split()[0]
    if skill_category(canonical_skill(first) or "") == "languages":
        return name  # "English as a second language"
    common = (
        canonical in competency_rules()
        or skill_category(canonical) == "domain"  # "Fintech", "Payments", "Open source"
        or " " in name
        or name.lower().endswith(_COMMON_NOUN_ENDINGS)
    )
    return name[:1].lower() + name[1:] if common else name
