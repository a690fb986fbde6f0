"""The quality of what a job seeker would send (#16), over every fixture pair and strategy.

Pairs: each example in examples/ with its own JD; every fixture resume of the rewording
tests (the corpus, the example, the letters sample) with every JD here the API accepts;
and the real corpus's held-out English documents with bench_gaps' JDs. Each pair is
tailored with FULL, NUDGE and KEYWORDS through the HTTP API in-process (the local engine,
the organization's cover letter and outreach switched on), and each cover letter is
regenerated through its endpoint.

Per part and strategy it prints: false gaps (gaps the resume states or shows, judged as
bench_gaps judges them), meaning-class and verb-repetition violations (bench_rewording's
check), mean match % before -> after, cover-letter and outreach words (min/median/max), the
share of letter sentences that copy a resume line, and the regenerate similarity (mean/max).
Then the aims, each PASS or MISS, with the first cases that miss it named.

Run: ``.venv/bin/python -m bench bench_quality`` (about 60 s of CPU with main's letter
writer, about twice that with a sentence planner; a loaded machine stretches the wall time).
"""

from __future__ import annotations

import asyncio
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.tailoring.rewording_fixtures import JDS as REWORDING_JDS
from tests.tailoring.rewording_fixtures import resumes as fixture_resumes

from bench.bench_gaps import JDS as GAP_JDS
from bench.bench_gaps import false_gaps, gap_resumes
from bench.bench_rewording import over_repeated, violations
from bench.common import InProcessApi, in_process_api
from bench.letter_measures import LetterMeasures, letter_measures, sentences
from refleum.analysis.job_description import JD_MIN_WORDS, count_words
from refleum.resume_data import ResumeData
from refleum.tailoring.schemas import Strategy

EXAMPLES = Path(__file__).parent.parent / "examples"
# Letter bounds of issue #16, part 4.
COVER_WORDS = (200, 350)
OUTREACH_MAX_WORDS = 120
SIMILARITY_AIM = 0.6
CASES_SHOWN = 5


@dataclass(frozen=True)
class Pair:
    part: str  # examples, fixtures or real held-out
    name: str
    resume: ResumeData
    jd_name: str
    jd: str


def example_pairs() -> Iterator[Pair]:
    """examples/ and each subfolder: resume.json with its job_description.txt."""
    for folder in [EXAMPLES, *sorted(p.parent for p in EXAMPLES.glob("*/resume.json"))]:
        name = "backend" if folder == EXAMPLES else folder.name
        resume = ResumeData.model_validate_json((folder / "resume.json").read_text())
        yield Pair("examples", name, resume, name, (folder / "job_description.txt").read_text())


def accepted_jds() -> tuple[dict[str, str], dict[str, int]]:
    """(JDs the tailor endpoint accepts, words of those it refuses as too short)."""
    candidates = {**REWORDING_JDS, **GAP_JDS}
    candidates |= {f"{p.jd_name} example JD": p.jd for p in example_pairs() if p.name != "backend"}
    accepted, refused, seen = {}, {}, set()
    for name, jd in candidates.items():
        if jd in seen:  # the backend example JD is in both tables
            continue
        seen.add(jd)
        words = count_words(jd)
        if words >= JD_MIN_WORDS:
            accepted[name] = jd
        else:
            refused[name] = words
    return accepted, refused


def all_pairs(jds: dict[str, str]) -> Iterator[Pair]:
    yield from example_pairs()
    for name, resume in fixture_resumes().items():
        for jd_name, jd in jds.items():
            yield Pair("fixtures", name, resume, jd_name, jd)
    for part, name, resume in gap_resumes():
        if part == "real held-out":
            for jd_name, jd in GAP_JDS.items():
                yield Pair(part, name, resume, jd_name, jd)


@dataclass
class Tally:
    """The figures of one part x strategy; ``cases`` names what missed an aim."""

    runs: int = 0
    false_gaps: int = 0
    meaning: int = 0
    repeats: int = 0
    match: list[tuple[float, float]] = field(default_factory=list)
    cover_words: list[int] = field(default_factory=list)
    outreach_words: list[int] = field(default_factory=list)
    sentences: int = 0
    copied: int = 0
    similarity: list[float] = field(default_factory=list)
    cases: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, other: Tally) -> None:
        for name in ("runs", "false_gaps", "meaning", "repeats", "sentences", "copied"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("match", "cover_words", "outreach_words", "similarity"):
            getattr(self, name).extend(getattr(other, name))
        for aim, cases in other.cases.items():
            self.cases[aim].extend(cases)


def measure(
    tally: Tally,
    label: str,
    source: ResumeData,
    tailored: dict,
    regenerated: str | None,
    measures: LetterMeasures,
) -> None:
    """Adds one tailor response (and its letter's regeneration) to ``tally``."""
    resume = ResumeData.model_validate(tailored["resume_data"])
    tally.runs += 1
    wrong_gaps = false_gaps(resume, tailored["gaps"])
    tally.false_gaps += len(wrong_gaps)
    tally.cases["false gaps"] += [f"{label}: {gap}" for gap in wrong_gaps]
    meaning, repeats = violations(source, resume)
    tally.meaning += meaning
    tally.repeats += repeats
    tally.cases["meaning"] += [label] * bool(meaning)
    tally.cases["repeats"] += [f"{label}: {verb}" for verb in over_repeated(source, resume)]
    stats = tailored["refinement_stats"]
    tally.match.append((stats["initial_match_percentage"], stats["final_match_percentage"]))
    letters = [
        (kind, tailored[kind]["content"])
        for kind in ("cover_letter", "outreach_message")
        if tailored.get(kind)
    ]
    tally.cases["letters"] += [label] * (len(letters) < 2)
    for kind, text in letters:
        words = len(text.split())
        if kind == "cover_letter":
            tally.cover_words.append(words)
            if not COVER_WORDS[0] <= words <= COVER_WORDS[1]:
                tally.cases["cover words"].append(f"{label}: {words} words")
        else:
            tally.outreach_words.append(words)
            if words >= OUTREACH_MAX_WORDS:
                tally.cases["outreach words"].append(f"{label}: {words} words")
        copied = set(measures.copied_sentences(text, resume))
        copied |= set(measures.copied_sentences(text, source))
        tally.sentences += len(sentences(text))
        tally.copied += len(copied)
        tally.cases["copied"] += [f"{label} {kind}: {sentence!r}" for sentence in sorted(copied)]
    if regenerated is not None and tailored.get("cover_letter"):
        score = measures.similarity(tailored["cover_letter"]["content"], regenerated)
        tally.similarity.append(score)
        if score >= SIMILARITY_AIM:
            tally.cases["similarity"].append(f"{label}: {score:.2f}")


def _data(response) -> dict:
    if response.is_error:
        raise RuntimeError(
            f"{response.request.method} {response.request.url.path}: "
            f"{response.status_code} {response.text[:300]}"
        )
    return response.json()["data"]


async def tailor_and_regenerate(
    api: InProcessApi, resume_id: str, jd: str, strategy: Strategy
) -> tuple[dict, str | None]:
    tailored = _data(
        await api.http.post(
            f"/api/v1/resumes/{resume_id}/tailor",
            json={"job_description": jd, "strategy": strategy.value},
        )
    )
    letter = tailored.get("cover_letter")
    if letter is None:
        return tailored, None
    path = f"/api/v1/resumes/{tailored['resume_id']}/cover-letters/{letter['cover_letter_id']}"
    regenerated = _data(await api.http.post(f"{path}/regenerate", json={}))
    return tailored, regenerated["content"]


async def run(pairs: list[Pair], measures: LetterMeasures) -> dict[tuple[str, Strategy], Tally]:
    tallies: dict[tuple[str, Strategy], Tally] = defaultdict(Tally)
    pdf = (EXAMPLES / "resume.pdf").read_bytes()  # the upload's file; its data is PATCHed
    with tempfile.TemporaryDirectory() as data_dir:
        async with in_process_api(data_dir) as api:
            switches = {"enable_cover_letter": True, "enable_outreach_message": True}
            _data(await api.http.put("/api/v1/llm-config", json=switches))
            ids: dict[tuple[str, str], str] = {}
            for pair in pairs:
                key = (pair.part, pair.name)
                if key not in ids:
                    ids[key] = await api.ready_resume(pair.resume, pdf)
                for strategy in Strategy:
                    tailored, regenerated = await tailor_and_regenerate(
                        api, ids[key], pair.jd, strategy
                    )
                    label = f"{pair.name} / {pair.jd_name} / {strategy.value}"
                    tally = tallies[(pair.part, strategy)]
                    measure(tally, label, pair.resume, tailored, regenerated, measures)
    return tallies


def _spread(values: list[int]) -> str:
    if not values:
        return "-"
    return f"{min(values)}/{statistics.median(values):g}/{max(values)}"


def row(part: str, strategy: str, t: Tally) -> str:
    before = statistics.fmean(m[0] for m in t.match) if t.match else float("nan")
    after = statistics.fmean(m[1] for m in t.match) if t.match else float("nan")
    share = t.copied / t.sentences if t.sentences else 0.0
    similarity = (
        f"{statistics.fmean(t.similarity):.2f}/{max(t.similarity):.2f}" if t.similarity else "-"
    )
    return (
        f"{part:14s} {strategy:8s} {t.runs:4d} {t.false_gaps:6d} {t.meaning:7d} {t.repeats:7d} "
        f"{before:5.1f} -> {after:5.1f} {_spread(t.cover_words):>11s} "
        f"{_spread(t.outreach_words):>9s} {t.copied:4d}/{t.sentences:<5d}{share:6.1%} "
        f"{similarity:>9s}"
    )


HEADER = (
    f"{'part':14s} {'strategy':8s} {'runs':>4s} {'false':>6s} {'meaning':>7s} {'repeats':>7s} "
    f"{'match % before->after':>14s} {'cover words':>11s} {'outreach':>9s} "
    f"{'copied sentences':>17s} {'regen sim':>9s}\n"
    f"{'':14s} {'':8s} {'':4s} {'gaps':>6s} {'(class)':>7s} {'(verb)':>7s} {'(mean)':>14s} "
    f"{'min/med/max':>11s} {'min/med/max':>9s} {'n/of':>10s} {'share':>6s} {'mean/max':>9s}"
)


def aims(total: Tally) -> list[str]:
    """One line per aim, PASS or MISS, each MISS followed by the first cases behind it."""
    similarity = max(total.similarity, default=0.0)
    checks = [
        ("0 false gaps", total.false_gaps == 0, f"{total.false_gaps}", "false gaps"),
        ("0 meaning-class violations", total.meaning == 0, f"{total.meaning}", "meaning"),
        ("0 verb-repetition violations", total.repeats == 0, f"{total.repeats}", "repeats"),
        ("0 copied letter sentences", total.copied == 0, f"{total.copied}", "copied"),
        (
            f"regenerate similarity < {SIMILARITY_AIM}",
            bool(total.similarity) and similarity < SIMILARITY_AIM,
            f"max {similarity:.2f} over {len(total.similarity)}",
            "similarity",
        ),
        (
            f"cover letters {COVER_WORDS[0]}-{COVER_WORDS[1]} words",
            bool(total.cover_words) and not total.cases["cover words"],
            f"{len(total.cases['cover words'])} of {len(total.cover_words)} outside",
            "cover words",
        ),
        (
            f"outreach under {OUTREACH_MAX_WORDS} words",
            bool(total.outreach_words) and not total.cases["outreach words"],
            f"{len(total.cases['outreach words'])} of {len(total.outreach_words)} over",
            "outreach words",
        ),
        (
            "every tailor returns both letters",
            not total.cases["letters"],
            f"{len(total.cases['letters'])} runs without one",
            "letters",
        ),
    ]
    lines = []
    for aim, met, figure, cases in checks:
        lines.append(f"{'PASS' if met else 'MISS'}  {aim:36s} ({figure})")
        if not met:
            shown = total.cases[cases][:CASES_SHOWN]
            more = len(total.cases[cases]) - len(shown)
            lines += [f"        {case}" for case in shown]
            lines += [f"        … and {more} more"] * (more > 0)
    return lines


def main() -> None:
    measures = letter_measures()
    jds, refused = accepted_jds()
    pairs = list(all_pairs(jds))
    parts = list(dict.fromkeys(p.part for p in pairs))
    print(
        f"{len(pairs)} pairs x {len(Strategy)} strategies through the HTTP API (local engine); "
        + ", ".join(f"{part} {sum(p.part == part for p in pairs)}" for part in parts)
    )
    print(f"fixture JDs: {', '.join(jds)}")
    if refused:
        print(
            "left out, under the API's "
            f"{JD_MIN_WORDS}-word minimum (bench_rewording covers them through the pipeline): "
            + ", ".join(f"{name} ({words} words)" for name, words in refused.items())
        )
    print(f"copied sentences: {measures.copied_from}; similarity: {measures.similarity_from}")
    tallies = asyncio.run(run(pairs, measures))
    print(HEADER)
    total = Tally()
    for part in parts:
        for strategy in Strategy:
            tally = tallies[(part, strategy)]
            print(row(part, strategy.value, tally))
            total.add(tally)
    print(row("all", "", total))
    print("aims:")
    print("\n".join(aims(total)))


if __name__ == "__main__":
    main()
