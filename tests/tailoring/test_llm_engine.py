"""The LLM tailoring engine with a scripted pydantic-ai FunctionModel: what its prompts
contain, and what it does with keywords the JD does not contain."""

from __future__ import annotations

import json

from pydantic_ai.messages import ModelRequest, ModelResponse, TextPart, UserPromptPart
from pydantic_ai.models.function import AgentInfo, FunctionModel
from tests.letters.samples import JD, resume_data

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.tenure import experience_years
from refleum.tailoring.llm_engine import KEYWORDS_FALLBACK, LLMEngine, editable_listing
from refleum.tailoring.schemas import Strategy


class Scripted:
    """Answers each request with the next scripted JSON; keeps the user prompts it saw."""

    def __init__(self, *answers: object) -> None:
        self.answers = [json.dumps(a) for a in answers]
        self.prompts: list[str] = []

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
        return ModelResponse(parts=[TextPart(self.answers.pop(0))])

    def engine(self) -> LLMEngine:
        return LLMEngine(model=FunctionModel(self), name="function:test", timeout_s=5)


KEYWORDS = JobKeywords(required_skills=["SQL", "Tableau"], keywords=["dashboards"])


async def test_the_edits_prompt_holds_the_editable_lines_the_jd_once_and_the_keywords():
    script = Scripted({"edits": []})
    resume = resume_data()
    proposal = await script.engine().propose(resume, KEYWORDS, JD, Strategy.KEYWORDS, "en")
    assert proposal.edits == [] and proposal.usage.calls == 1
    (prompt,) = script.prompts
    first_bullet = resume.workExperience[0].description[0]
    assert f'workExperience[0].description[0] = "{first_bullet}"' in prompt
    assert editable_listing(resume) in prompt
    assert prompt.count(JD.strip()) == 1
    assert KEYWORDS.model_dump_json() in prompt
    assert "STRATEGY: KEYWORDS" in prompt and "'en'" in prompt


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
    assert f"add up to {years} years of experience" in full
    assert "add up to" not in keywords


def test_the_listing_marks_read_only_context_and_lists_every_bullet():
    resume = resume_data()
    lines = editable_listing(resume).splitlines()
    bullets = [line for line in lines if ".description[" in line and not line.startswith("#")]
    expected = sum(len(job.description) for job in resume.workExperience)
    expected += sum(len(p.description) for p in resume.personalProjects)
    expected += sum(
        len(item.description) for s in resume.customSections.values() for item in s.items
    )
    assert len(bullets) == expected
    assert any(line.startswith("# workExperience[0]:") for line in lines)
    assert lines[-1].startswith("sections = ")


async def test_keywords_are_sent_the_jd_and_come_back_grounded_in_it():
    script = Scripted({"required_skills": ["SQL", "Kubernetes"], "keywords": ["dashboards"]})
    found, usage, warnings = await script.engine().job_keywords(JD)
    assert script.prompts == [JD]
    assert "Kubernetes" not in found.required_skills and usage.calls == 1
    assert warnings == []


async def test_keywords_all_lost_to_grounding_fall_back_to_local_extraction():
    script = Scripted({"required_skills": ["Kubernetes", "Rust"], "keywords": ["blockchain"]})
    found, usage, warnings = await script.engine().job_keywords(JD)
    assert warnings == [KEYWORDS_FALLBACK] and usage.calls == 1
    terms = [*found.required_skills, *found.preferred_skills, *found.keywords]
    assert terms and all(t.lower() in JD.lower() for t in terms)
    assert not {"Kubernetes", "Rust", "blockchain"} & set(terms)
