"""The LLM tailoring engine over real HTTP against the fake OpenAI-compatible and Anthropic
servers: exactly one request per tailor, cached or not, in the providers' structured
output mode (a tool call), and hostile answers caught as they are with FunctionModel."""

from __future__ import annotations

import pytest
from tests.fakes import replies
from tests.fakes.pytest_fixtures import fake_model_server  # noqa: F401
from tests.letters.samples import JD, resume_data

from refleum.analysis.job_description import JobKeywords
from refleum.llm.errors import LLMProviderError, LLMTimeout
from refleum.llm.output_modes import DEFAULT_MODE_MEMORY
from refleum.llm.providers import build_model
from refleum.llm.settings import ProviderSettings
from refleum.tailoring.llm_engine import LLMEngine
from refleum.tailoring.pipeline import run_tailoring
from refleum.tailoring.schemas import Strategy

JOB = {"required_skills": ["SQL", "Tableau"], "keywords": ["dashboards"]}


@pytest.fixture(autouse=True)
def _fresh_mode_memory():
    DEFAULT_MODE_MEMORY.clear()  # a server another test taught to skip tools
    yield
    DEFAULT_MODE_MEMORY.clear()


def engine_for(server, provider: str = "openai-compatible", timeout_s: float = 5) -> LLMEngine:
    url = server.base_url if provider == "openai-compatible" else server.root_url
    model = build_model(
        ProviderSettings(provider, "tiny", "sk-test-0123456789", url), allow_private=True
    )
    return LLMEngine(model, f"{provider}:tiny", timeout_s)


async def tailor(engine, keywords=None):
    resume = resume_data()
    return await run_tailoring(
        engine, resume, resume, JD, Strategy.KEYWORDS, "en", keywords=keywords
    )


@pytest.mark.parametrize("provider", ["openai-compatible", "anthropic"])
async def test_one_request_uncached_and_one_cached(fake_model_server, provider):  # noqa: F811
    engine = engine_for(fake_model_server, provider)
    bullet = resume_data().workExperience[0].description[0]
    edit = {"id": "w1.1", "old": bullet, "new": bullet.replace("Built", "Designed")}
    fake_model_server.enqueue(replies.tool_call({"job": JOB, "edits": [edit]}))
    first = await tailor(engine)
    assert fake_model_server.call_count == 1
    assert first.keywords.required_skills == ["SQL", "Tableau"]
    assert [c.path for c in first.changes if c.path.startswith("workExperience[0].description[")]
    fake_model_server.enqueue(replies.tool_call({"edits": []}))
    await tailor(engine, keywords=first.keywords)
    assert fake_model_server.call_count == 2
    uncached, cached = fake_model_server.requests
    assert uncached.text.count(bullet) == 1 and cached.text.count(bullet) == 1
    assert "required: SQL, Tableau" in cached.text and "required:" not in uncached.text


async def test_broken_json_in_the_tool_call_is_a_provider_error(fake_model_server):  # noqa: F811
    fake_model_server.enqueue(*[replies.tool_call('{"job": {"required_skills": [')] * 3)
    with pytest.raises(LLMProviderError):
        await tailor(engine_for(fake_model_server))


async def test_an_answer_without_keywords_is_corrected_in_a_second_request(
    fake_model_server,  # noqa: F811
):
    fake_model_server.enqueue(
        replies.tool_call({"edits": []}), replies.tool_call({"job": JOB, "edits": []})
    )
    outcome = await tailor(engine_for(fake_model_server))
    assert outcome.keywords.required_skills == ["SQL", "Tableau"]
    assert fake_model_server.call_count == 2 and outcome.usage.calls == 2


async def test_inventions_in_the_combined_answer_are_refused(fake_model_server):  # noqa: F811
    resume = resume_data()
    bullet = resume.workExperience[0].description[1]
    answer = {
        "job": {"required_skills": ["SQL", "Kubernetes"]},
        "edits": [
            {"id": "w1.2", "old": bullet, "new": bullet.replace("35%", "70%")},
            {"id": "s", "old": resume.summary, "new": "Kubernetes lead at Netflix since 2012."},
        ],
    }
    fake_model_server.enqueue(replies.tool_call(answer))
    outcome = await tailor(engine_for(fake_model_server))
    text = outcome.resume.model_dump_json()
    assert not any(claim in text for claim in ("70%", "Kubernetes", "Netflix", "2012"))
    assert outcome.keywords.required_skills == ["SQL"]
    assert len(outcome.rejected) == 2


async def test_a_hanging_server_is_a_timeout(fake_model_server):  # noqa: F811
    fake_model_server.enqueue(replies.hang(5))
    with pytest.raises(LLMTimeout):
        await tailor(engine_for(fake_model_server, timeout_s=0.5))


async def test_keywords_given_are_not_asked_for(fake_model_server):  # noqa: F811
    fake_model_server.enqueue(replies.tool_call({"edits": []}))
    keywords = JobKeywords(required_skills=["SQL"])
    outcome = await tailor(engine_for(fake_model_server), keywords=keywords)
    tool = fake_model_server.requests[0].body["tools"][0]["function"]["parameters"]
    assert "job" not in tool["properties"] and outcome.keywords == keywords
