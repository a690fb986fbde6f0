"""Opening-verb rewording (#16): over every fixture resume x JD pair and strategy, the
meaning-class violations (a bullet's opening verb changed to one outside its class, judged
by data/verb_classes.json) and verb-repetition violations (a verb opening more bullets than
max(original count, 2)), plus the mean match % before/after. Printed for the current code
and for the rule as it was (LEGACY_REWORDING: the old synonym groups, no verb pass) in the
same run; held-out resumes (every third corpus file) are reported apart. A third engine,
standing in for an LLM, proposes "Built"/"Led" as every bullet's opener: the truth guard
lets verbs through, so only the verb pass stands between it and the resume."""

from __future__ import annotations

import asyncio
from collections import Counter
from statistics import mean

from tests.tailoring.rewording_fixtures import JDS, held_out, resumes

from refleum.analysis.keywords import extract_job_keywords
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.engine_types import Proposal
from refleum.tailoring.engines import LocalEngine
from refleum.tailoring.paths import LineKind, editable_lines
from refleum.tailoring.pipeline import run_tailoring
from refleum.tailoring.schemas import Strategy
from refleum.tailoring.verb_pass import Origins, bullet_openers, repetition_bound
from refleum.tailoring.verbs import LEGACY_REWORDING, verb_change_allowed


class VerbSwappingEngine(LocalEngine):
    """An engine that rewrites every bullet's opener, as a careless LLM might."""

    name = "verb-swapper"

    async def propose(self, resume, keywords, job_description, strategy, language) -> Proposal:
        edits = []
        for i, line in enumerate(x for x in editable_lines(resume) if x.kind == LineKind.BULLET):
            words = line.text.split(" ", 1)
            if len(words) == 2:
                verb = "Built" if i % 2 else "Led"
                edits.append(Edit(path=line.path, original=line.text, value=f"{verb} {words[1]}"))
        found = keywords or extract_job_keywords(job_description)  # as the local engine does
        return Proposal(edits, found)


def violations(source: ResumeData, tailored: ResumeData) -> tuple[int, int]:
    """(meaning-class violations, verb-repetition violations) of one tailored resume."""
    origins = Origins(source)
    meaning = 0
    for line in editable_lines(tailored):
        if line.kind != LineKind.BULLET:
            continue
        origin = origins.of(line, tailored)
        meaning += bool(origin) and not verb_change_allowed(origin, line.text)
    return meaning, len(over_repeated(source, tailored))


def over_repeated(source: ResumeData, tailored: ResumeData) -> list[str]:
    """Each opening word of ``tailored`` over its bound, max(original count, 2), described."""
    before, after = bullet_openers(source), bullet_openers(tailored)
    return [
        f"{verb!r} opens {n} bullets (bound {repetition_bound(verb, before)})"
        for verb, n in after.items()
        if verb and n > repetition_bound(verb, before)
    ]


def _run(engine, legacy: bool) -> dict[str, Counter]:
    token = LEGACY_REWORDING.set(legacy)
    try:
        totals = {"tuned": Counter(), "held-out": Counter()}
        match: dict[str, list[tuple[float, float]]] = {"tuned": [], "held-out": []}
        for name, resume in resumes().items():
            part = "held-out" if held_out(name) else "tuned"
            for jd in JDS.values():
                for strategy in Strategy:
                    outcome = asyncio.run(run_tailoring(engine, resume, resume, jd, strategy, "en"))
                    meaning, repeats = violations(resume, outcome.resume)
                    totals[part].update(runs=1, meaning=meaning, repeats=repeats)
                    stats = outcome.stats
                    match[part].append(
                        (stats.initial_match_percentage, stats.final_match_percentage)
                    )
        for part, pairs in match.items():
            totals[part]["before"] = round(mean(p[0] for p in pairs), 1)
            totals[part]["after"] = round(mean(p[1] for p in pairs), 1)
        return totals
    finally:
        LEGACY_REWORDING.reset(token)


def main() -> None:
    pairs = len(resumes()) * len(JDS)
    print(
        f"{len(resumes())} resumes x {len(JDS)} JDs = {pairs} pairs, x {len(Strategy)} strategies"
    )
    for engine in (LocalEngine(), VerbSwappingEngine()):
        for legacy in (True, False):
            label = "before #16 (baseline)" if legacy else "now"
            for part, t in _run(engine, legacy).items():
                print(
                    f"{engine.name:13s} {label:22s} {part:8s}: runs {t['runs']:3d}, "
                    f"meaning-class violations {t['meaning']:3d}, "
                    f"verb-repetition violations {t['repeats']:3d}, "
                    f"match {t['before']}% -> {t['after']}%"
                )


if __name__ == "__main__":
    main()
