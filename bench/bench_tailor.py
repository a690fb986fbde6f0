"""Tailoring: local-engine latency, pipeline overhead without model time, model calls and
tokens per strategy (through the fake OpenAI-compatible server), and match before/after
over corpus resume x JD pairs, matching and mismatched."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from pydantic_ai.messages import ModelResponse, TextPart
from pydantic_ai.models.function import FunctionModel
from tests.fakes import FakeModelServer, replies

from bench.common import summarize_ms
from refleum.analysis.scoring import skill_coverage
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
    edits = {
        "edits": [
            {
                "path": "workExperience[0].description",
                "action": "reorder",
                "original": "",
                "value": list(range(len(resume.workExperience[0].description)))[::-1],
                "reason": "relevance",
            }
        ]
    }
    answers = iter([KEYWORDS, edits] * 10_000)

    async def respond(messages, info):
        return ModelResponse(parts=[TextPart(json.dumps(next(answers)))])

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


async def _calls_and_tokens_async() -> None:
    edits = {"edits": []}
    with FakeModelServer() as server:
        model = build_model(
            ProviderSettings("openai-compatible", "tiny", None, server.base_url), allow_private=True
        )
        engine = LLMEngine(model, "openai-compatible:tiny", 30)
        for strategy in Strategy:
            before = len(server.requests)
            server.enqueue(replies.json_answer(KEYWORDS), replies.json_answer(edits))
            outcome = await run_tailoring(engine, ONE_PAGE, ONE_PAGE, JD, strategy, "en")
            sent = sum(len(r.text) for r in server.requests[before:])
            print(
                f"LLM engine {strategy.value:8s} calls {outcome.usage.calls}  "
                f"request bytes {sent:,} (~{sent // 4:,} input tokens at 4 chars/token)"
            )


def _calls_and_tokens() -> None:
    asyncio.run(_calls_and_tokens_async())


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
    _calls_and_tokens()
    _corpus_pairs()


if __name__ == "__main__":
    main()
