"""How relevant a piece of resume text is to one job description.

The local engine orders bullets, skills and sections by this; it uses the same weights as
the match scorer (required 3, preferred 2, other keywords 1) so reordering pushes the
terms the score counts most to the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.scoring import KEYWORD_WEIGHT, PREFERRED_WEIGHT, REQUIRED_WEIGHT
from refleum.analysis.skills import canonical_skill, find_skills

# Shared words that say nothing about fit; kept short on purpose (JD words only break ties).
_STOPWORDS = frozenset(
    "a an and are as at be by for from has have in into is it its of on or our the their "
    "this to we will with you your who what about across all also any can more most other "
    "such than that them then these they very work working team teams role new years year "
    "experience including ability strong plus using used use".split()
)
_WORD = re.compile(r"[^\W\d_]{3,}")
# A JD word shared with a bullet is worth far less than any named JD skill.
WORD_WEIGHT = 0.1


@dataclass(frozen=True)
class JobProfile:
    """What the JD values: skill weights by canonical name, the wording to use for each
    skill, and the JD's content words."""

    weights: dict[str, int]
    wording: dict[str, str]
    words: frozenset[str]
    title: str

    def skill_weight(self, canonical: str) -> int:
        return self.weights.get(canonical, 0)

    def score(self, text: str) -> float:
        skills = {m.canonical for m in find_skills(text)}
        skill_part = sum(self.skill_weight(name) for name in skills)
        words = {w.lower() for w in _WORD.findall(text)} - _STOPWORDS
        return skill_part + WORD_WEIGHT * len(words & self.words)


def job_profile(keywords: JobKeywords, job_description: str) -> JobProfile:
    weights: dict[str, int] = {}
    wording: dict[str, str] = {}
    for names, weight in (
        (keywords.required_skills, REQUIRED_WEIGHT),
        (keywords.preferred_skills, PREFERRED_WEIGHT),
        (keywords.keywords, KEYWORD_WEIGHT),
    ):
        for name in names:
            exact = canonical_skill(name)
            canonical = exact or _single_skill(name)
            if canonical:
                weights[canonical] = max(weights.get(canonical, 0), weight)
            if exact:
                # The keyword list's wording is what the match score looks for.
                wording.setdefault(exact, " ".join(name.split()))
    from_keywords = set(wording)
    for mention in find_skills(job_description):
        # Otherwise the JD's spelling: its canonical name if the JD uses it anywhere
        # ("We use Postgres ... PostgreSQL required" -> "PostgreSQL"), else its first one.
        if mention.canonical in from_keywords:
            continue
        if mention.canonical not in wording or mention.surface == mention.canonical:
            wording[mention.canonical] = mention.surface
    words = {w.lower() for w in _WORD.findall(job_description)} - _STOPWORDS
    title = next((line.strip() for line in job_description.splitlines() if line.strip()), "")
    return JobProfile(weights, wording, frozenset(words), title)


def _single_skill(name: str) -> str | None:
    """The skill a free-text JD term names when it names exactly one ("Python (3+ yrs)")."""
    found = {m.canonical for m in find_skills(name)}
    return found.pop() if len(found) == 1 else None


def relevance_order(texts: list[str], profile: JobProfile) -> list[int]:
    """Indexes of ``texts``, most relevant first; ties keep their original order."""
    scores = [profile.score(text) for text in texts]
    return sorted(range(len(texts)), key=lambda i: (-scores[i], i))
