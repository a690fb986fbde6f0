"""False gaps (#16): JD skills reported missing although the resume states them (any
spelling or alias) or shows them (a soft-skill evidence rule), before and after
evidence-based gaps, over every corpus resume x JD pair; and the average match % before
and after tailoring under both scorers. The old logic is the same scorer with
``evidence_based=False``, measured in the same run.

A held-out part of the corpus (the resumes named from "p" on) was never read while the
evidence rules in analysis/data/competencies.json were written; so were the held-out
English documents of the real corpus (tests/fixtures/real, people nobody here wrote, read
by the local parser). Their figures print apart, with every "shown" inference listed so
its precision can be judged by eye.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from bench.bench_tailor import JD, NURSE_JD
from refleum.analysis.scoring import (
    match_percentage,
    resume_evidence,
    resume_text,
    skill_coverage,
)
from refleum.documents.errors import ExtractionFailed
from refleum.documents.extract import extract_markdown
from refleum.parsing.local_parser import parse_resume
from refleum.parsing.real_corpus import real_documents
from refleum.resume_data import ResumeData
from refleum.tailoring.engines import LocalEngine
from refleum.tailoring.pipeline import run_tailoring
from refleum.tailoring.schemas import Strategy

FIXTURES = Path(__file__).parent.parent / "tests" / "fixtures"
CORPUS = FIXTURES / "corpus"
HELD_OUT_FROM = "p"
LEAD_JD = """Engineering Manager — Platform

Requirements:
- Leadership: you have led and grown engineering teams
- Mentoring and coaching engineers
- Communication skills, written and spoken; stakeholder management
- Time management and problem solving
- Experience with Python and AWS

Nice to have:
- Conflict resolution
- Negotiation with vendors
- Presentation skills

You will run a team of eight, own the platform roadmap, report to the CTO and work with
product, design and finance on what the platform ships next. We value teamwork and
customer focus, and we offer a remote-friendly team, a learning budget and equity for
people who want to grow as leaders while keeping close to the code they care about."""
JDS = {"backend JD": JD, "ICU nurse JD": NURSE_JD, "eng manager JD": LEAD_JD}


def false_gaps(resume: ResumeData, gaps: list[str]) -> list[str]:
    """Reported gaps that the resume states or shows after all."""
    evidence = resume_evidence(resume)
    return [gap for gap in gaps if evidence.evidence(gap) is not None]


def gap_resumes():
    """(part, name, resume): the synthetic corpus, then the real held-out English documents."""
    for path in sorted(CORPUS.glob("*.json")):
        part = "held-out" if path.stem >= HELD_OUT_FROM else "tuned"
        yield part, path.stem, ResumeData.model_validate_json(path.read_text())
    for document in real_documents(FIXTURES / "real"):
        if document.split != "heldout" or document.entry["language"] != "en":
            continue
        try:
            markdown = extract_markdown(document.path.read_bytes(), document.kind).markdown
        except ExtractionFailed:
            continue
        yield "real held-out", document.id, parse_resume(markdown).data


def _naive_false_gaps(resume: ResumeData, gaps: list[str]) -> list[str]:
    """A cross-check that shares no code with the scorer: a gap whose words (lowercase,
    hyphens as spaces) appear whole in some resume line. It misses aliases and shown
    skills, so it is a floor, not the count above."""

    def plain(text: str) -> str:
        return " " + re.sub(r"[\s\-_/]+", " ", text.lower()) + " "

    lines = [plain(line) for line in resume_text(resume).splitlines()]
    return [gap for gap in gaps if any(plain(gap) in line for line in lines)]


def _pairs():
    for part, name, resume in gap_resumes():
        for jd_name, jd in JDS.items():
            yield part, name, jd_name, resume, jd


def main() -> None:
    totals = {
        part: {
            "pairs": 0,
            "old": 0,
            "new": 0,
            "gaps_old": 0,
            "gaps_new": 0,
            "naive_old": 0,
            "naive_new": 0,
            "m": [0.0] * 4,
        }
        for part in ("tuned", "held-out", "real held-out")
    }
    shown_held_out: list[str] = []
    for part, stem, jd_name, resume, jd in _pairs():
        outcome = asyncio.run(run_tailoring(LocalEngine(), resume, resume, jd, Strategy.FULL, "en"))
        keywords, tailored = outcome.keywords, outcome.resume
        old_gaps = skill_coverage(tailored, keywords, evidence_based=False).missing_required
        new_gaps = outcome.gaps
        t = totals[part]
        t["pairs"] += 1
        t["gaps_old"] += len(old_gaps)
        t["gaps_new"] += len(new_gaps)
        t["old"] += len(false_gaps(tailored, old_gaps))
        t["new"] += len(false_gaps(tailored, new_gaps))
        t["naive_old"] += len(_naive_false_gaps(tailored, old_gaps))
        t["naive_new"] += len(_naive_false_gaps(tailored, new_gaps))
        for i, (r, based) in enumerate(
            ((resume, False), (tailored, False), (resume, True), (tailored, True))
        ):
            t["m"][i] += match_percentage(r, keywords, evidence_based=based)
        if part != "tuned":
            shown_held_out += [
                f"  {stem} / {jd_name}: {e.skill} <- {e.line!r}"
                for e in outcome.skills_shown
                if e.how == "shown"
            ]
    for part, t in totals.items():
        n = t["pairs"] or 1
        old_before, old_after, new_before, new_after = (m / n for m in t["m"])
        print(
            f"{part:13s} {t['pairs']:3d} pairs: false gaps {t['old']} of {t['gaps_old']} gaps "
            f"(old logic) -> {t['new']} of {t['gaps_new']} (evidence-based); match % before -> "
            f"after tailoring: old scorer {old_before:.1f} -> {old_after:.1f}, "
            f"evidence-based {new_before:.1f} -> {new_after:.1f}"
        )
        print(
            f"{'':13s} naive cross-check (case/hyphen only): false gaps {t['naive_old']} -> "
            f"{t['naive_new']}"
        )
    print(f"held-out 'shown' inferences to check by eye ({len(shown_held_out)}):")
    print("\n".join(shown_held_out) or "  none")


if __name__ == "__main__":
    main()
