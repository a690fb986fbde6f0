"""The one match scorer: how much of what a JD asks for a resume shows.

Used for both ``initial_match_percentage`` and ``final_match_percentage`` so the two are
comparable; docs/match-score.md explains the formula with a worked example.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from refleum.analysis.competencies import showing_line
from refleum.analysis.job_description import JobKeywords
from refleum.analysis.skills import (
    canonical_skill,
    find_skills,
    is_case_sensitive,
    skill_surfaces,
)
from refleum.analysis.variants import words, words_state
from refleum.resume_data import ResumeData

REQUIRED_WEIGHT = 3
PREFERRED_WEIGHT = 2
KEYWORD_WEIGHT = 1
# A term the resume shows only under another name ("Postgres" for "PostgreSQL") earns half
# its weight: the candidate has the skill, but a reader or an ATS scanning for the JD's
# wording misses it. Tailoring that adopts the JD's wording is what moves this part.
ALIAS_CREDIT = 0.5


@dataclass(frozen=True)
class Coverage:
    """JD skills the resume shows and lacks, in JD order. ``missing_required`` is the
    API's ``gaps``."""

    present_required: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)
    present_preferred: list[str] = field(default_factory=list)
    missing_preferred: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SkillEvidence:
    """Why a JD skill is not a gap: the resume states it (under any spelling or alias) or
    shows it (a soft skill demonstrated, see competencies.py), and the line that does."""

    skill: str
    how: str  # "stated" | "shown"
    line: str


@dataclass(frozen=True)
class ResumeEvidence:
    """What a resume shows: its text and the canonical skills found in it.

    ``evidence_based=False`` is the scorer before issue #16 (exact wording and vocabulary
    aliases only), kept so bench/bench_gaps.py measures the baseline in the same run.
    """

    text: str
    skills: frozenset[str]
    evidence_based: bool = True

    def shows(self, term: str) -> bool:
        """Whether the resume shows JD ``term`` (a canonical name, an alias, or free text
        from an LLM extraction) under any of its names."""
        return self.credit(term) > 0

    def credit(self, term: str) -> float:
        """1.0 when the resume uses the term's own wording (any case, hyphen, space or
        plural), ALIAS_CREDIT when it states the same skill under another name or shows a
        soft skill it never names, else 0.0."""
        exact = self._exact_credit(term)
        if exact == 1.0 or not self.evidence_based:
            return exact
        if self._states_variant(term):
            return 1.0
        if exact > 0:
            return exact
        canonical = canonical_skill(term)
        surfaces = skill_surfaces(canonical) if canonical else ()
        if any(self._states_variant(s) for s in surfaces if s != term):
            return ALIAS_CREDIT
        return ALIAS_CREDIT if showing_line(term, self.text) else 0.0

    def evidence(self, term: str) -> SkillEvidence | None:
        """How the resume covers JD ``term`` and the line that shows it; None for a gap."""
        if self.credit(term) == 0:
            return None
        line = self._stating_line(term)
        if line is not None:
            return SkillEvidence(term, "stated", line)
        shown = showing_line(term, self.text)
        if shown is not None:
            return SkillEvidence(term, "shown", shown)
        return SkillEvidence(term, "stated", "")  # a skills-list item named on its own

    def _stating_line(self, term: str) -> str | None:
        canonical = canonical_skill(term)
        names = [term, *(s for s in skill_surfaces(canonical or "") if s != term)]
        for line, tokens in zip(self.text.splitlines(), self._folded_lines, strict=True):
            if canonical and any(m.canonical == canonical for m in find_skills(line)):
                return line.strip()
            if any(self._says_in(n, line) or self._line_variant(n, tokens) for n in names):
                return line.strip()
        return None

    def _states_variant(self, term: str) -> bool:
        if is_case_sensitive(term):
            return False  # "Go"/"Excel": folding their case would find ordinary words
        return any(words_state(term, tokens) for tokens in self._folded_lines)

    @cached_property
    def _folded_lines(self) -> list[list[str]]:
        return [words(line) for line in self.text.splitlines()]

    @staticmethod
    def _line_variant(term: str, tokens: list[str]) -> bool:
        return not is_case_sensitive(term) and words_state(term, tokens)

    @staticmethod
    def _says_in(term: str, line: str) -> bool:
        words = " ".join(term.split())
        pattern = rf"(?<![\w]){re.escape(words)}(?![\w+#])"
        return bool(words) and re.search(pattern, line, re.IGNORECASE) is not None

    def _exact_credit(self, term: str) -> float:
        if self.says(term):
            return 1.0 if self._same_skill_or_free_text(term) else 0.0
        canonical = canonical_skill(term)
        if canonical is not None:
            return ALIAS_CREDIT if canonical in self.skills else 0.0
        # Free text naming skills ("Python (3+ years)"): the skill's own words count fully.
        shown = [m for m in find_skills(term) if m.canonical in self.skills]
        if not shown:
            return 0.0
        return 1.0 if any(self.says(m.surface) for m in shown) else ALIAS_CREDIT

    def says(self, term: str) -> bool:
        """The term's exact words appear in the resume (whole words, any case)."""
        words = " ".join(term.split())
        if not words:
            return False
        pattern = rf"(?<![\w]){re.escape(words)}(?![\w+#])"
        return re.search(pattern, self.text, re.IGNORECASE) is not None

    def _same_skill_or_free_text(self, term: str) -> bool:
        # "go" in "go to market" is the words of the skill Go but not the skill.
        canonical = canonical_skill(term)
        return canonical is None or canonical in self.skills


def resume_text(resume: ResumeData) -> str:
    """Every piece of resume content a reader sees, one line each."""
    parts: list[str] = [resume.personalInfo.title, resume.summary]
    for job in resume.workExperience:
        parts += [job.title, job.company, *job.description]
    for school in resume.education:
        parts += [school.degree, school.institution, school.description]
    for project in resume.personalProjects:
        parts += [project.name, project.role, *project.description]
    extra = resume.additional
    parts += [
        *extra.technicalSkills,
        *extra.languages,
        *extra.certificationsTraining,
        *extra.awards,
    ]
    for section in resume.customSections.values():
        parts += [section.text, *section.strings]
        for item in section.items:
            parts += [item.title, item.subtitle, *item.description]
    return "\n".join(part for part in parts if part)


def resume_evidence(resume: ResumeData, *, evidence_based: bool = True) -> ResumeEvidence:
    text = resume_text(resume)
    skills = {m.canonical for m in find_skills(text)}
    # A skills-list item is a name on its own: "golang" or "r" there still names a skill.
    for item in resume.additional.technicalSkills:
        canonical = canonical_skill(item)
        if canonical:
            skills.add(canonical)
    return ResumeEvidence(text, frozenset(skills), evidence_based)


def weighted_terms(keywords: JobKeywords) -> list[tuple[str, int]]:
    """JD terms with their weight; a term listed twice counts once, at its highest weight."""
    seen: set[str] = set()
    terms: list[tuple[str, int]] = []
    for names, weight in (
        (keywords.required_skills, REQUIRED_WEIGHT),
        (keywords.preferred_skills, PREFERRED_WEIGHT),
        (keywords.keywords, KEYWORD_WEIGHT),
    ):
        for name in names:
            key = canonical_skill(name) or " ".join(name.lower().split())
            if key and key not in seen:
                seen.add(key)
                terms.append((name, weight))
    return terms


def match_percentage(
    resume: ResumeData,
    keywords: JobKeywords,
    *,
    evidence_based: bool = True,
    evidence: ResumeEvidence | None = None,
) -> float:
    """Weighted share of JD terms the resume shows, 0-100 with one decimal.

    Required skills weigh 3, preferred 2, other keywords 1; a term shown only under
    another name earns ALIAS_CREDIT of its weight. A JD with no terms scores 0.0.
    """
    terms = weighted_terms(keywords)
    total = sum(weight for _, weight in terms)
    if total == 0:
        return 0.0
    evidence = evidence or resume_evidence(resume, evidence_based=evidence_based)
    matched = sum(weight * evidence.credit(term) for term, weight in terms)
    return round(100 * matched / total, 1)


def skill_coverage(
    resume: ResumeData,
    keywords: JobKeywords,
    *,
    evidence_based: bool = True,
    evidence: ResumeEvidence | None = None,
) -> Coverage:
    """Which required and preferred JD skills the resume states or shows."""
    evidence = evidence or resume_evidence(resume, evidence_based=evidence_based)

    def split(names: list[str]) -> tuple[list[str], list[str]]:
        present = [name for name in names if evidence.shows(name)]
        return present, [name for name in names if name not in present]

    present_required, missing_required = split(keywords.required_skills)
    present_preferred, missing_preferred = split(keywords.preferred_skills)
    return Coverage(present_required, missing_required, present_preferred, missing_preferred)


def skill_evidence(
    resume: ResumeData, keywords: JobKeywords, *, evidence: ResumeEvidence | None = None
) -> list[SkillEvidence]:
    """For each required then preferred JD skill the resume covers, how and where.

    ``evidence``: the resume's, already built (it is the costly part; pass it when the
    same resume is also scored)."""
    evidence = evidence or resume_evidence(resume)
    found = (
        evidence.evidence(name) for name in [*keywords.required_skills, *keywords.preferred_skills]
    )
    return [e for e in found if e is not None]
