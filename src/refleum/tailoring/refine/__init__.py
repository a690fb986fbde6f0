"""The three refinement passes run after the truth guard, one module each.

1. **Keyword injection** (keyword_injection.py): JD skills the truth source shows (whole
   word, alias-aware) but the tailored skills list lacks are appended to
   ``additional.technicalSkills`` in the truth's own wording. Only vocabulary skills are
   injected; nothing the truth lacks.
2. **AI-phrase removal** (phrase_removal.py): the phrases in ``data/ai_phrases.json`` are
   replaced by plain words in the headline, summary (FULL only: under NUDGE and KEYWORDS the
   candidate's summary keeps its words) and bullets: whole word, case-preserving,
   longest first; never inside a protected name, a date or a URL, never a phrase the JD uses.
3. **Alignment validation** (alignment.py): the tailored resume is compared with the truth
   field by field; whatever the truth does not hold is removed, reverted or restored.

The match percentages in the stats are the pipeline's to fill, from the scorer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from refleum.analysis.facts import SkillFinder, TruthFacts
from refleum.analysis.job_description import JobKeywords
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange
from refleum.tailoring.refine.alignment import align_with_truth
from refleum.tailoring.refine.keyword_injection import inject_keywords
from refleum.tailoring.refine.phrase_removal import remove_ai_phrases
from refleum.tailoring.schemas import RefinementStats

__all__ = ["RefineResult", "refine"]


@dataclass
class RefineResult:
    resume: ResumeData
    stats: RefinementStats
    changes: list[AppliedChange] = field(default_factory=list)


def refine(
    resume: ResumeData,
    truth: ResumeData,
    keywords: JobKeywords,
    job_description: str,
    *,
    skill_finder: SkillFinder | None = None,
    keep_summary: bool = False,
) -> RefineResult:
    """Run the three passes over ``resume`` (already guarded), proven against ``truth``.
    ``keep_summary``: pass 2 leaves the summary's wording alone (NUDGE, KEYWORDS)."""
    facts = TruthFacts.from_resume(truth, skill_finder=skill_finder)
    changes: list[AppliedChange] = []

    resume, injected = inject_keywords(resume, keywords, facts)
    changes += injected

    phrases = remove_ai_phrases(resume, truth, job_description, facts, keep_summary=keep_summary)
    changes += phrases.changes

    aligned = align_with_truth(phrases.resume, truth, facts)
    changes += aligned.changes

    stats = RefinementStats(
        passes_completed=3,
        keywords_injected=sum(len(c.after) - len(c.before) for c in injected),
        ai_phrases_removed=phrases.removed,
        alignment_violations_fixed=aligned.violations,
    )
    return RefineResult(resume=aligned.resume, stats=stats, changes=changes)
