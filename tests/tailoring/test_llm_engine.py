"""The LLM tailoring engine through pydantic-ai's FunctionModel and TestModel: one call per
tailor (keywords and edits together when the keywords are not cached), what that call
holds, how its ids map back to paths, and every hostile answer the guard or the engine
must stop."""

from __future__ import annotations

import asyncio
import json

import pytest
from pydantic_ai.messages import ModelRequest, ModelResponse, TextPart, UserPromptPart
from pydantic_ai.models.function import AgentInfo, FunctionModel
from pydantic_ai.models.test import TestModel
from tests.letters.samples import JD, resume_data

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.tenure import experience_years
from refleum.llm.errors import LLMProviderError, LLMTimeout
from refleum.tailoring.llm_engine import KEYWORDS_FALLBACK, LLMEngine
from refleum.tailoring.llm_prompt import listing, squeeze
from refleum.tailoring.pipeline import run_tailoring
from refleum.tailoring.schemas import Strategy

KEYWORDS = JobKeywords(required_skills=["SQL", "Tableau"], keywords=["dashboards"])
JOB = {"required_skills": ["SQL", "Tableau"], "keywords": ["dashboards"]}


class Scripted:
    """Answers each request with the next scripted answer (JSON unless a str); keeps the
    user prompts and the output schemas it was sent."""

    def __init__(self, *answers: object) -> None:
        self.answers = [a if isinstance(a, str) else json.dumps(a) for a in answers]
        self.prompts: list[str] = []
        self.schemas: list[dict] = []

    def __call__(self, messages, info: AgentInfo) -> ModelResponse:
        self.prompts.append(
            "\n".join(
                part.content
                for message in messages
                if isinstance(message, ModelRequest)
                for part in message.parts
                if isinstance(part, UserPromptPart) and isinstance(part.content, str)
            )
        )
        self.schemas += [tool.parameters_json_schema for tool in info.output_tools]
        return ModelResponse(parts=[TextPart(self.answers.pop(0))])

    def engine(self, timeout_s: float = 5) -> LLMEngine:
        return LLMEngine(model=FunctionModel(self), name="function:test", timeout_s=timeout_s)


def bullet(i: int = 0, j: int = 0) -> str:
    return resume_data().workExperience[i].description[j]


async def test_uncached_keywords_and_edits_come_from_one_call():
    edit = {"id": "w1.1", "old": bullet(), "new": bullet().replace("Built", "Designed")}
    script = Scripted({"job": JOB, "edits": [edit]})
    resume = resume_data()
    proposal = await script.engine().propose(resume, None, JD, Strategy.KEYWORDS, "en")
    assert proposal.usage.calls == 1 and len(script.prompts) == 1
    assert proposal.keywords == JobKeywords(**JOB)  # the public type, ready to cache
    assert proposal.keywords_cacheable and proposal.warnings == []
    (found,) = proposal.edits
    assert (found.path, found.action, found.original) == (
        "workExperience[0].description[0]",
        "replace",
        bullet(),
    )
    assert "job" in script.schemas[0]["properties"]  # the model is asked for keywords


async def test_the_one_prompt_holds_the_resume_listing_and_the_jd_once_each():
    script = Scripted({"job": JOB, "edits": []})
    resume = resume_data()
    await script.engine().propose(resume, None, JD, Strategy.KEYWORDS, "en")
    (prompt,) = script.prompts
    assert prompt.count(listing(resume).text) == 1
    assert prompt.count(squeeze(JD)) == 1
    assert f"w1.1 {bullet()}" in prompt
    assert "STRATEGY KEYWORDS" in prompt and "LANGUAGE en" in prompt
    assert "{" not in prompt  # no JSON: neither the resume nor an answer template


async def test_cached_keywords_mean_one_call_for_the_edits_only():
    script = Scripted({"edits": []})
    proposal = await script.engine().propose(resume_data(), KEYWORDS, JD, Strategy.NUDGE, "en")
    assert proposal.usage.calls == 1 and proposal.keywords == KEYWORDS
    assert "required: SQL, Tableau; other: dashboards" in script.prompts[0]
    assert "job" not in script.schemas[0]["properties"]  # not asked for keywords again


def test_the_jd_is_squeezed_not_cut():
    text = "Senior  Analyst\n\n\n  - SQL,   Tableau \n\nNice to have:\tPython"
    assert squeeze(text) == "Senior Analyst\n- SQL, Tableau\nNice to have: Python"


async def test_item_numbers_of_a_reorder_become_list_indexes():
    script = Scripted({"job": JOB, "edits": [{"id": "w1", "new": [3, 1, 2]}]})
    proposal = await script.engine().propose(resume_data(), None, JD, Strategy.NUDGE, "en")
    (edit,) = proposal.edits
    assert (edit.path, edit.action, edit.value) == (
        "workExperience[0].description",
        "reorder",
        [2, 0, 1],
    )


async def test_keywords_the_jd_lacks_are_dropped():
    job = {"required_skills": ["SQL", "Kubernetes"], "keywords": ["dashboards"]}
    script = Scripted({"job": job, "edits": []})
    proposal = await script.engine().propose(resume_data(), None, JD, Strategy.NUDGE, "en")
    assert proposal.keywords.required_skills == ["SQL"] and proposal.keywords_cacheable


async def test_keywords_all_lost_to_grounding_fall_back_to_local_and_are_not_cacheable():
    job = {"required_skills": ["Kubernetes", "Rust"], "keywords": ["blockchain"]}
    script = Scripted({"job": job, "edits": []})
    proposal = await script.engine().propose(resume_data(), None, JD, Strategy.NUDGE, "en")
    assert proposal.warnings == [KEYWORDS_FALLBACK] and not proposal.keywords_cacheable
    terms = [*proposal.keywords.required_skills, *proposal.keywords.keywords]
    assert terms and all(t.lower() in JD.lower() for t in terms)
    assert not {"Kubernetes", "Rust", "blockchain"} & set(terms)
    assert proposal.usage.calls == 1  # the fallback is local: no second call


async def test_a_combined_answer_full_of_inventions_changes_nothing_untrue():
    resume = resume_data()
    summary = resume.summary
    invented = {
        "job": {"required_skills": ["SQL", "Kubernetes"]},
        "edits": [
            {"id": "w1.2", "old": bullet(0, 1), "new": bullet(0, 1).replace("35%", "60%")},
            {"id": "s", "old": summary, "new": "Kubernetes expert, ex-Google, PhD from MIT."},
            {"id": "k1", "old": "SQL", "new": "Snowflake"},
            {"id": "w9.1", "old": "", "new": "Led a team of 40 at Amazon"},
        ],
    }
    script = Scripted(invented)
    outcome = await run_tailoring(script.engine(), resume, resume, JD, Strategy.FULL, "en")
    text = outcome.resume.model_dump_json()
    for claim in ("60%", "Kubernetes", "Google", "PhD", "MIT", "Snowflake", "Amazon"):
        assert claim not in text
    assert {r.path for r in outcome.rejected} == {
        "workExperience[0].description[1]",
        "summary",
        "additional.technicalSkills[0]",
        "w9.1",  # an id that names no line: refused by the guard, not dropped silently
    }
    assert "Kubernetes" not in outcome.keywords.required_skills
    assert outcome.usage.calls == 1


async def test_an_answer_without_the_keywords_part_is_asked_again_then_used():
    script = Scripted({"edits": []}, {"job": JOB, "edits": []})
    proposal = await script.engine().propose(resume_data(), None, JD, Strategy.NUDGE, "en")
    assert proposal.keywords.required_skills == ["SQL", "Tableau"]
    assert proposal.usage.calls == 2  # the correction is a second request, and is counted


async def test_a_model_that_never_gives_the_keywords_part_is_a_provider_error():
    script = Scripted(*[{"edits": []}] * 3)
    with pytest.raises(LLMProviderError):
        await script.engine().propose(resume_data(), None, JD, Strategy.NUDGE, "en")


async def test_broken_json_is_a_provider_error():
    script = Scripted(*['{"job": {"required_skills": ["SQL"]}, "edits": [{"id": '] * 3)
    with pytest.raises(LLMProviderError):
        await script.engine().propose(resume_data(), None, JD, Strategy.NUDGE, "en")


async def test_a_model_slower_than_the_timeout_is_a_timeout():
    async def hang(messages, info):
        await asyncio.sleep(30)

    engine = LLMEngine(model=FunctionModel(hang), name="function:hang", timeout_s=0.2)
    with pytest.raises(LLMTimeout):
        await engine.propose(resume_data(), None, JD, Strategy.NUDGE, "en")


async def test_a_tool_call_answer_is_mapped_and_guarded_like_a_text_answer():
    # TestModel answers through the output tool (the structured mode real servers use).
    resume = resume_data()
    answer = {
        "job": {"required_skills": ["SQL", "Tableau", "Rust"], "experience_years": 3},
        "edits": [
            {"id": "k", "new": [3, 1, 2, 4]},
            {"id": "w2.1", "old": bullet(1, 0), "new": bullet(1, 0) + " at Microsoft"},
        ],
    }
    engine = LLMEngine(model=TestModel(custom_output_args=answer), name="test", timeout_s=5)
    outcome = await run_tailoring(engine, resume, resume, JD, Strategy.KEYWORDS, "en")
    assert outcome.keywords.required_skills == ["SQL", "Tableau"]
    assert outcome.keywords.experience_years == 3
    assert [r.path for r in outcome.rejected] == ["workExperience[1].description[0]"]
    assert "Microsoft" not in outcome.resume.model_dump_json()
    assert outcome.resume.additional.technicalSkills[0] == "Tableau"
    assert outcome.usage.calls == 1


async def test_a_bullet_with_a_line_break_stays_one_listed_line_and_can_be_quoted():
    resume = resume_data()
    resume.workExperience[0].description[0] = "Built weekly revenue\ndashboards in Tableau"
    assert "w1.1 Built weekly revenue dashboards in Tableau" in listing(resume).text.splitlines()
    edit = {
        "id": "w1.1",
        "old": "Built weekly revenue dashboards in Tableau",
        "new": "Built weekly Tableau revenue dashboards",
    }
    script = Scripted({"job": JOB, "edits": [edit]})
    outcome = await run_tailoring(script.engine(), resume, resume, JD, Strategy.NUDGE, "en")
    assert outcome.rejected == []
    assert (
        outcome.resume.workExperience[0].description[0] == "Built weekly Tableau revenue dashboards"
    )


async def test_a_full_prompt_gives_the_years_the_dates_add_up_to():
    """The one number of years the guard accepts in a summary is told to the model, so
    it does not guess one that gets refused; other strategies write no summary."""
    script = Scripted({"edits": []}, {"edits": []})
    resume = resume_data()
    years = experience_years(resume)
    assert years is not None
    await script.engine().propose(resume, KEYWORDS, JD, Strategy.FULL, "en")
    await script.engine().propose(resume, KEYWORDS, JD, Strategy.KEYWORDS, "en")
    full, keywords = script.prompts
    assert f"Summary years, if stated: {years}." in full
    assert "Summary years" not in keywords
