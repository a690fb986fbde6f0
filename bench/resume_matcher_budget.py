"""Resume-Matcher's model input per tailor, the figure bench_tailor compares ours with.

Resume-Matcher (github.com/srbhr/Resume-Matcher) is not a dependency and none of its code
or text is copied here. Its input is derived from its own files, read at run time from a
checkout: the prompt templates, the keyword-list helper and the system prompts of its
tailoring calls, filled as its tailoring flow fills them (see
docs/performance.md, "Model budget"); the figures this printed for the commit below are
recorded in ``RECORDED`` so that ``make bench`` needs no checkout.

Recompute: ``python -m bench.resume_matcher_budget /path/to/Resume-Matcher``.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from refleum.resume_data import ResumeData

COMMIT = "82b758b589ab34b0f7722cd9acfc6ad41c42d4b7"  # main, 22 June 2026
TEMPLATES = "apps/backend/app/prompts/templates.py"
IMPROVER = "apps/backend/app/services/improver.py"
LLM = "apps/backend/app/llm.py"
# What its diff prompt says when the plan verified no skill target: the smallest input.
NO_TARGETS = "No verified skill targets."


@dataclass(frozen=True)
class Budget:
    """Characters of system + user messages a tailor sends, with and without its keyword
    cache (Resume-Matcher caches a job's keywords with the job, as Refleum does)."""

    uncached: int
    cached: int


# python -m bench.resume_matcher_budget <checkout at COMMIT>, for bench_tailor's pairs.
RECORDED: dict[tuple[str, str], Budget] = {
    ("1 page", "nudge"): Budget(uncached=13136, cached=11221),
    ("1 page", "keywords"): Budget(uncached=13150, cached=11235),
    ("1 page", "full"): Budget(uncached=13212, cached=11297),
    ("3 pages", "nudge"): Budget(uncached=16870, cached=14955),
    ("3 pages", "keywords"): Budget(uncached=16884, cached=14969),
    ("3 pages", "full"): Budget(uncached=16946, cached=15031),
}


@dataclass(frozen=True)
class _Source:
    """The pieces of Resume-Matcher a tailor's input is made of, read from a checkout."""

    templates: ModuleType
    keywords_block: Callable[[dict], str]  # its _prepare_keywords_for_prompt
    system_prompts: dict[str, str]  # the system prompt of each calling function
    json_suffix: str  # what complete_json appends to every system prompt


def _load(checkout: Path) -> _Source:
    spec = importlib.util.spec_from_file_location("rm_templates", checkout / TEMPLATES)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(checkout / TEMPLATES)
    templates = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(templates)
    improver = ast.parse((checkout / IMPROVER).read_text())
    functions = {
        n.name: n
        for n in ast.walk(improver)
        if isinstance(n, ast.AsyncFunctionDef | ast.FunctionDef)
    }
    # The one helper is self-contained (dict and str operations): run it as written.
    helper = ast.Module(body=[functions["_prepare_keywords_for_prompt"]], type_ignores=[])
    namespace: dict = {"Any": Any}
    exec(compile(helper, IMPROVER, "exec"), namespace)  # noqa: S102 - a pinned file, read-only
    system_prompts = {
        name: ast.literal_eval(keyword.value)
        for name in ("extract_job_keywords", "generate_skill_target_plan", "generate_resume_diffs")
        for keyword in ast.walk(functions[name])
        if isinstance(keyword, ast.keyword) and keyword.arg == "system_prompt"
    }
    llm = ast.parse((checkout / LLM).read_text())
    (suffix,) = [
        node.value.right.value
        for node in ast.walk(llm)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "json_system" for t in node.targets)
        and isinstance(node.value, ast.BinOp)
    ]
    return _Source(templates, namespace["_prepare_keywords_for_prompt"], system_prompts, suffix)


def derive(
    checkout: Path, resume: ResumeData, job_description: str, keywords: dict, strategy: str
) -> Budget:
    """Its always-made calls for one tailor: keyword extraction (skipped when cached), the
    skill-target plan and the diff. The keyword-injection call its refiner adds when a
    keyword is missing after the diff is left out, so the figure is its floor."""
    source = _load(checkout)
    templates, systems = source.templates, source.system_prompts
    data = resume.model_dump()
    block = source.keywords_block(keywords)
    language = templates.get_language_name("en")

    def system(caller: str) -> int:
        return len(systems[caller] + source.json_suffix)

    keywords_call = system("extract_job_keywords") + len(
        templates.EXTRACT_KEYWORDS_PROMPT.format(job_description=job_description)
    )
    plan_call = system("generate_skill_target_plan") + len(
        templates.SKILL_TARGET_PLAN_PROMPT.format(
            output_language=language,
            existing_skills=json.dumps(data["additional"]["technicalSkills"], ensure_ascii=False),
            job_keywords=block,
            job_description=job_description,
            original_resume=json.dumps(data, ensure_ascii=False),
        )
    )
    diff_call = system("generate_resume_diffs") + len(
        templates.DIFF_IMPROVE_PROMPT.format(
            strategy_instruction=templates.DIFF_STRATEGY_INSTRUCTIONS[strategy],
            output_language=language,
            job_keywords=block,
            skill_targets=NO_TARGETS,
            job_description=job_description,
            # Structured JSON when the dates carry months (they do in the bench's resume).
            original_resume=json.dumps(data),
        )
    )
    return Budget(uncached=keywords_call + plan_call + diff_call, cached=plan_call + diff_call)


def main() -> None:
    from bench.bench_tailor import KEYWORDS, PAIRS

    checkout = Path(sys.argv[1])
    for label, resume, jd in PAIRS:
        for strategy in ("nudge", "keywords", "full"):
            budget = derive(checkout, resume, jd, KEYWORDS, strategy)
            print(f'("{label}", "{strategy}"): {budget},')


if __name__ == "__main__":
    main()
