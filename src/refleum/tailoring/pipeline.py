"""One tailoring run, engine-agnostic: keywords -> proposed edits -> truth guard ->
three refinement passes -> match score. No database, no HTTP."""

from __future__ import annotations

from dataclasses import dataclass, field

from refleum.llm.usage import LLMUsage
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange, RejectedEdit
from refleum.tailoring.engines import TailoringEngine
from refleum.tailoring.guard import apply_edits
from refleum.tailoring.refine import refine
from refleum.tailoring.schemas import JobKeywords, RefinementStats, Strategy
from refleum.tailoring.scoring import match_percentage, skill_coverage


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

    ``keywords`` may come from a cache; then the engine is not asked for them.
    """
    usage = LLMUsage()
    if keywords is None:
        keywords, used = await engine.job_keywords(job_description)
        usage += used
    proposal = await engine.propose(source, keywords, job_description, strategy, language)
    usage += proposal.usage
    guarded = apply_edits(source, truth, proposal.edits)
    refined = refine(guarded.resume, truth, keywords, job_description)
    stats = refined.stats.model_copy(
        update={
            "initial_match_percentage": match_percentage(source, keywords),
            "final_match_percentage": match_percentage(refined.resume, keywords),
        }
    )
    return TailorOutcome(
        resume=refined.resume,
        keywords=keywords,
        stats=stats,
        changes=[*guarded.applied, *refined.changes],
        rejected=guarded.rejected,
        gaps=skill_coverage(refined.resume, keywords).missing_required,
        section_order=guarded.section_order,
        usage=usage,
        warnings=list(proposal.warnings),
    )
