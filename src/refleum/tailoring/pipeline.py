"""One tailoring run, engine-agnostic: keywords -> proposed edits -> truth guard ->
three refinement passes -> verb check (verb_pass.py) -> match score. No database, no HTTP.

The guard, refinement and scoring are pure CPU work that grows with the resume; they run
in a worker thread so a big resume never stalls the event loop (and /health with it).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.scoring import (
    SkillEvidence,
    match_percentage,
    resume_evidence,
    skill_coverage,
    skill_evidence,
)
from refleum.llm.usage import LLMUsage
from refleum.resume_caps import fit_to_caps
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange, Edit, RejectedEdit
from refleum.tailoring.engine_types import Proposal, TailoringEngine
from refleum.tailoring.guard import apply_edits
from refleum.tailoring.refine import refine
from refleum.tailoring.schemas import RefinementStats, Strategy
from refleum.tailoring.verb_pass import keep_verbs


@dataclass
class TailorOutcome:
    resume: ResumeData
    keywords: JobKeywords
    stats: RefinementStats
    changes: list[AppliedChange]
    rejected: list[RejectedEdit]
    gaps: list[str]
    section_order: list[str] | None
    usage: LLMUsage = field(default_factory=LLMUsage)
    warnings: list[str] = field(default_factory=list)
    # The evidence behind gaps: JD skills the tailored resume states or shows, with lines.
    skills_shown: list[SkillEvidence] = field(default_factory=list)
    # False when the engine had to fall back for the keywords (its notes say why): caching
    # them under the engine's name would replay the fallback later without its warning.
    keywords_cacheable: bool = True


async def run_tailoring(
    engine: TailoringEngine,
    source: ResumeData,
    truth: ResumeData,
    job_description: str,
    strategy: Strategy,
    language: str,
    *,
    keywords: JobKeywords | None = None,
) -> TailorOutcome:
    """Tailor ``source`` (the resume being tailored) to the JD, proven against ``truth``.

    ``keywords`` may come from a cache; otherwise the engine finds them while proposing.
    """
    proposal: Proposal = await engine.propose(source, keywords, job_description, strategy, language)
    outcome = await asyncio.to_thread(
        apply_and_refine,
        source,
        truth,
        proposal.edits,
        proposal.keywords,
        job_description,
        strategy,
    )
    outcome.usage = proposal.usage
    outcome.warnings = [*proposal.warnings, *outcome.warnings]
    outcome.keywords_cacheable = proposal.keywords_cacheable
    return outcome


def apply_and_refine(
    source: ResumeData,
    truth: ResumeData,
    edits: list[Edit],
    keywords: JobKeywords,
    job_description: str,
    strategy: Strategy = Strategy.FULL,
) -> TailorOutcome:
    """Truth guard, refinement and scores (synchronous: run it off the event loop).
    Under NUDGE and KEYWORDS a human summary keeps its wording but for the JD's (#16)."""
    guarded = apply_edits(source, truth, edits)
    keep_summary = strategy in (Strategy.NUDGE, Strategy.KEYWORDS)
    refined = refine(guarded.resume, truth, keywords, job_description, keep_summary=keep_summary)
    # Last, so no engine or pass can change a verb's meaning or repeat one verb (#16).
    verbed, verb_changes = keep_verbs(refined.resume, source)
    # An engine may write long text: the stored child stays within the caps like any resume.
    resume, cut = fit_to_caps(verbed)
    # The tailored resume's evidence is built once for its score, gaps and skills shown.
    tailored = resume_evidence(resume)
    stats = refined.stats.model_copy(
        update={
            "initial_match_percentage": match_percentage(source, keywords),
            "final_match_percentage": match_percentage(resume, keywords, evidence=tailored),
        }
    )
    return TailorOutcome(
        resume=resume,
        keywords=keywords,
        stats=stats,
        changes=[*guarded.applied, *refined.changes, *verb_changes],
        rejected=guarded.rejected,
        gaps=skill_coverage(resume, keywords, evidence=tailored).missing_required,
        section_order=guarded.section_order,
        skills_shown=skill_evidence(resume, keywords, evidence=tailored),
        warnings=[*_all_refused(guarded.applied, guarded.rejected), *cut],
    )


def _all_refused(applied: list[AppliedChange], rejected: list[RejectedEdit]) -> list[str]:
    """A warning when the engine proposed edits and the truth guard refused every one: the
    201 must not look like a tailoring that found nothing to change."""
    if not rejected or applied:
        return []
    return [
        f"The truth guard refused all {len(rejected)} edit(s) the engine proposed (see "
        "rejected); only the refinement passes changed the resume"
    ]
