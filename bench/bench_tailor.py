"""Tailoring: local-engine latency, pipeline overhead without model time, the model budget
(calls and input characters per tailor, cached and uncached, through the fake
OpenAI-compatible server, against Resume-Matcher's on the same inputs), and match
before/after over corpus resume x JD pairs, matching and mismatched."""

from __future__ import annotations

import asyncio
import json
import os
import time
from pathlib import Path

from pydantic_ai.messages import ModelResponse, TextPart
from pydantic_ai.models.function import FunctionModel
from tests.fakes import FakeModelServer, replies

from bench import resume_matcher_budget
from bench.common import summarize_ms
from refleum.analysis.job_description import JobKeywords
from refleum.analysis.scoring import skill_coverage
from refleum.llm.output_modes import DEFAULT_MODE_MEMORY, PROMPTED, mode_key, modes_for
from refleum.llm.providers import build_model
from refleum.llm.settings import ProviderSettings
from refleum.resume_data import ResumeData
from refleum.tailoring.engines import LocalEngine
from refleum.tailoring.llm_engine import LLMEngine
from refleum.tailoring.pipeline import run_tailoring
from refleum.tailoring.schemas import Strategy

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
JD = (ROOT / "examples" / "job_description.txt").read_text()
ONE_PAGE = ResumeData.model_validate_json((ROOT / "examples" / "resume.json").read_text())
THREE_PAGES = ResumeData.model_validate_json((CORPUS / "michael_obrien_lawyer.json").read_text())
# (label, resume, JD) of the model-budget runs; Resume-Matcher's figures are recorded for
# each (bench/resume_matcher_budget.py).
PAIRS = [("1 page", ONE_PAGE, JD), ("3 pages", THREE_PAGES, JD)]
# The aim: at most a third of Resume-Matcher's input, at most one call per tailor.
BUDGET_RATIO, BUDGET_CALLS = 1 / 3, 1
KEYWORDS = {
    "required_skills": ["Python", "PostgreSQL", "Kubernetes"],
    "preferred_skills": ["Go"],
    "keywords": ["payments"],
    "key_responsibilities": [],
    "experience_years": 5,
    "seniority_level": "Senior",
}
NURSE_JD = """Registered Nurse — Intensive Care Unit

Riverside Health is hiring a Registered Nurse for its 24-bed intensive care unit. You will
care for critically ill adults with a team of physicians, respiratory therapists and families.

Responsibilities:
- Provide direct patient care and continuous patient assessment
- Monitor vital signs, ventilators and telemetry
- Administer medications and document care accurately in the electronic health record
- Educate patients and families and coordinate discharge planning

Requirements:
- Active RN license
- BLS and ACLS certification
- 2+ years of critical care experience
- Experience with Epic

Nice to have:
- CCRN certification
- Experience with patient education programs

We offer a supportive unit culture, tuition support, and flexible scheduling for nurses
who want to grow their critical care careers with a team that values safe, careful care."""


def _time(engine, resume, jd, strategy, runs=30) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        asyncio.run(run_tailoring(engine, resume, resume, jd, strategy, "en"))
        samples.append(time.perf_counter() - start)
    return samples


def _zero_latency_engine(resume: ResumeData) -> LLMEngine:
    answer = {
        "job": KEYWORDS,
        "edits": [
            {
                "id": "w1",
                "new": list(range(1, len(resume.workExperience[0].description) + 1))[::-1],
                "why": "relevance",
            }
        ],
    }

    async def respond(messages, info):
        return ModelResponse(parts=[TextPart(json.dumps(answer))])

    return LLMEngine(FunctionModel(respond, model_name="zero-latency"), "function:zero", 30)


def _latency() -> None:
    for label, resume in (("1 page", ONE_PAGE), ("3 pages", THREE_PAGES)):
        for strategy in Strategy:
            samples = _time(LocalEngine(), resume, JD, strategy)
            print(f"local tailor {label:7s} {strategy.value:8s} {summarize_ms(samples)}")
    print(
        f"pipeline excl. model time (FunctionModel), 1 page: "
        f"{summarize_ms(_time(_zero_latency_engine(ONE_PAGE), ONE_PAGE, JD, Strategy.KEYWORDS))}"
    )


def model_input_chars(body: dict) -> int:
    """What the model reads of one chat request: every message's text plus the output
    tool's definition (its JSON schema), compact. Resume-Matcher's figure counts its
    messages; its output format is spelled out inside them."""
    messages = sum(len(m["content"]) for m in body["messages"] if isinstance(m["content"], str))
    return messages + len(json.dumps(body.get("tools", []), separators=(",", ":")))


def _resume_matcher(label: str, resume: ResumeData, jd: str, strategy: Strategy):
    checkout = os.environ.get("RESUME_MATCHER_DIR")
    if checkout:  # recompute from a checkout instead of the recorded figures
        return resume_matcher_budget.derive(
            Path(checkout), resume, jd, KEYWORDS, strategy.value.lower()
        )
    return resume_matcher_budget.RECORDED.get((label, strategy.value.lower()))


async def _one_tailor(server, engine, resume, jd, strategy, keywords=None) -> tuple[int, int]:
    """(requests the server received, model input characters) of one tailor."""
    before = server.call_count
    await run_tailoring(engine, resume, resume, jd, strategy, "en", keywords=keywords)
    sent = server.requests[before:]
    return len(sent), sum(model_input_chars(r.body) for r in sent)


def _verdict(calls: int, chars: int, theirs: int | None) -> str:
    if theirs is None:
        return "Resume-Matcher: no recorded figure"
    ratio = chars / theirs
    ok = ratio <= BUDGET_RATIO and calls <= BUDGET_CALLS
    return f"Resume-Matcher {theirs:>6,} -> {ratio:.3f}x  {'PASS' if ok else 'MISS'}"


async def _model_budget_async() -> None:
    print(
        f"model budget (aim: <= {BUDGET_RATIO:.3f}x Resume-Matcher's input characters, "
        f"<= {BUDGET_CALLS} call per tailor; tokens ~ chars/4, no tokenizer installed)"
    )
    with FakeModelServer() as server:
        model = build_model(
            ProviderSettings("openai-compatible", "tiny", None, server.base_url), allow_private=True
        )
        engine = LLMEngine(model, "openai-compatible:tiny", 30)
        for label, resume, jd in PAIRS:
            for strategy in Strategy:
                theirs = _resume_matcher(label, resume, jd, strategy)
                server.enqueue(replies.tool_call({"job": KEYWORDS, "edits": []}))
                calls, chars = await _one_tailor(server, engine, resume, jd, strategy)
                verdict = _verdict(calls, chars, theirs and theirs.uncached)
                print(
                    f"  {label:7s} {strategy.value:8s} uncached: {calls} call, {chars:>6,} chars "
                    f"(~{chars // 4:,} tokens)  {verdict}"
                )
                server.enqueue(replies.tool_call({"edits": []}))
                cached = JobKeywords.model_validate(KEYWORDS)
                calls, chars = await _one_tailor(server, engine, resume, jd, strategy, cached)
                verdict = _verdict(calls, chars, theirs and theirs.cached)
                print(
                    f"  {label:7s} {strategy.value:8s} cached:   {calls} call, {chars:>6,} chars "
                    f"(~{chars // 4:,} tokens)  {verdict}"
                )
        # A server without tool calling gets the schema inside the instructions instead.
        key = mode_key(model)
        DEFAULT_MODE_MEMORY.step_down(key, modes_for(model).index(PROMPTED))
        try:
            server.enqueue(replies.json_answer({"job": KEYWORDS, "edits": []}))
            calls, chars = await _one_tailor(server, engine, ONE_PAGE, JD, Strategy.KEYWORDS)
        finally:
            DEFAULT_MODE_MEMORY.clear()
        theirs = _resume_matcher("1 page", ONE_PAGE, JD, Strategy.KEYWORDS)
        print(
            f"  1 page  KEYWORDS uncached, prompted mode (no tools): {calls} call, {chars:>6,} "
            f"chars  {_verdict(calls, chars, theirs and theirs.uncached)}"
        )


def _model_budget() -> None:
    asyncio.run(_model_budget_async())


def _corpus_pairs() -> None:
    jds = {"backend JD": JD, "ICU nurse JD": NURSE_JD}
    for name, jd in jds.items():
        before, after, surfaced, present = [], [], 0, 0
        for path in sorted(CORPUS.glob("*.json")):
            resume = ResumeData.model_validate_json(path.read_text())
            outcome = asyncio.run(
                run_tailoring(LocalEngine(), resume, resume, jd, Strategy.FULL, "en")
            )
            before.append(outcome.stats.initial_match_percentage)
            after.append(outcome.stats.final_match_percentage)
            shown = skill_coverage(resume, outcome.keywords)
            tailored = skill_coverage(outcome.resume, outcome.keywords)
            present += len(shown.present_required) + len(shown.present_preferred)
            surfaced += len(tailored.present_required) + len(tailored.present_preferred)
        n = len(before)
        print(
            f"{name:13s} over {n} resumes (FULL): "
            f"match {sum(before) / n:5.1f}% -> {sum(after) / n:5.1f}%, "
            f"present JD skills still shown after tailoring {surfaced}/{present}"
        )


def main() -> None:
    _latency()
    _model_budget()
    _corpus_pairs()


if __name__ == "__main__":
    main()
