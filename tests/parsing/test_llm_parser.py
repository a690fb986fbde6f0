"""parse_with_llm: one call, then nothing ungrounded survives and local data fills gaps."""

from __future__ import annotations

import json
import uuid

import pytest
from pydantic_ai.exceptions import ModelHTTPError
from pydantic_ai.messages import ModelResponse, ToolCallPart
from pydantic_ai.models.function import AgentInfo, FunctionModel
from tests.fakes import replies

from refleum.analysis.grounding import ungrounded_values
from refleum.llm.errors import LLMProviderError, LLMTimeout
from refleum.llm.providers import build_model
from refleum.llm.settings import ProviderSettings
from refleum.parsing.llm_parser import parse_with_llm
from refleum.resume_data import Education, ResumeData, WorkExperience

MARKDOWN = """\
# Ada Lovelace
Analyst | ada@example.com | London

## Experience
### Senior Analyst — Babbage & Co
Jan 2020 – Present
- Built the analytical engine notes, cutting review time by 30%
- Worked with Python and SQL

### Analyst — Difference Ltd, Cambridge
2016 – 2019
- Wrote reports

## Education
University of London — BSc Mathematics, 2012 – 2015

## Skills
Python, SQL, Excel
"""

GROUNDED = {
    "personalInfo": {
        "name": "Ada Lovelace",
        "title": "Analyst",
        "email": "ada@example.com",
        "location": "London",
    },
    "workExperience": [
        {
            "id": 9,
            "title": "Senior Analyst",
            "company": "Babbage & Co",
            "years": "Jan 2020 – Present",
            "description": [
                "Built the analytical engine notes, cutting review time by 30%",
                "Worked with Python and SQL",
            ],
        },
        {
            "id": 4,
            "title": "Analyst",
            "company": "Difference Ltd",
            "years": "2016 - 2019",
            "description": ["Wrote reports"],
        },
    ],
    "education": [
        {
            "id": 2,
            "institution": "University of London",
            "degree": "BSc Mathematics",
            "years": "2012 – 2015",
        }
    ],
    "additional": {"technicalSkills": ["Python", "SQL", "Excel"]},
}


def local_parse(markdown: str) -> ResumeData:
    """Stands in for the heuristic parser: right dates and locations, plain structure."""
    return ResumeData(
        workExperience=[
            WorkExperience(
                id=1, title="Senior Analyst", company="Babbage & Co", years="Jan 2020 – Present"
            ),
            WorkExperience(
                id=2,
                title="Analyst",
                company="difference  ltd",
                location="Cambridge",
                years="2016 – 2019",
                description=["Wrote reports"],
            ),
        ],
        education=[Education(id=1, institution="University of London", years="2012 – 2015")],
    )


def answering(payload: dict) -> FunctionModel:
    def respond(messages, info: AgentInfo):
        return ModelResponse(parts=[ToolCallPart("final_result", json.dumps(payload))])

    # A unique name keeps the process-wide mode memory out of other tests.
    return FunctionModel(respond, model_name=f"parser-{uuid.uuid4().hex[:8]}")


async def parse(model, **kwargs):
    options = {"timeout_s": 10.0, "local_parse": local_parse}
    options.update(kwargs)
    return await parse_with_llm(MARKDOWN, model, **options)


def with_changes(**changes) -> dict:
    payload = json.loads(json.dumps(GROUNDED))
    for path, value in changes.items():
        node = payload
        *parents, last = path.split("__")
        for key in parents:
            node = node[int(key)] if key.isdigit() else node[key]
        node[int(last) if last.isdigit() else last] = value
    return payload


async def test_grounded_answer_is_kept_and_ids_renumbered():
    result = await parse(answering(GROUNDED))
    assert result.warnings == []
    assert [e.id for e in result.data.workExperience] == [1, 2]
    assert result.data.workExperience[0].company == "Babbage & Co"
    assert result.data.additional.technicalSkills == ["Python", "SQL", "Excel"]
    assert result.usage.calls == 1


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"workExperience__0__company": "Google"}, "workExperience[0].company"),
        ({"workExperience__0__title": "Chief Analyst"}, "workExperience[0].title"),
        ({"education__0__degree": "PhD Mathematics"}, "education[0].degree"),
        ({"workExperience__1__years": "2014 – 2019"}, "workExperience[1].years"),
        (
            {
                "workExperience__0__description__0": (
                    "Built the analytical engine notes, cutting review time by 45%"
                )
            },
            "workExperience[0].description[0]",
        ),
        (
            {"additional__certificationsTraining": ["AWS Certified Architect"]},
            "additional.certificationsTraining[0]",
        ),
        (
            {"additional__technicalSkills": ["Python", "Kubernetes", "SQL"]},
            "additional.technicalSkills[1]",
        ),
        ({"personalInfo__phone": "+44 20 7946 0000"}, "personalInfo.phone"),
        ({"summary": "Visionary leader with 15 years of experience."}, "summary"),
    ],
)
async def test_invented_values_are_dropped_with_a_warning(changes, path):
    result = await parse(answering(with_changes(**changes)))
    assert any(path in warning for warning in result.warnings), result.warnings
    assert ungrounded_values(result.data, MARKDOWN) == []
    dumped = json.dumps(result.data.model_dump())
    for invented in [
        "Google",
        "Chief",
        "PhD",
        "2014",
        "45%",
        "AWS",
        "Kubernetes",
        "7946",
        "Visionary",
    ]:
        assert invented not in dumped


async def test_invented_dates_are_restored_from_the_local_parse():
    result = await parse(answering(with_changes(workExperience__1__years="2015 – 2019")))
    assert result.data.workExperience[1].years == "2016 – 2019"
    assert result.data.workExperience[1].location == "Cambridge"  # model left it empty


async def test_fields_left_empty_are_restored_by_matching_entry():
    payload = with_changes(workExperience__0__years="", education__0__years="")
    result = await parse(answering(payload))
    assert result.data.workExperience[0].years == "Jan 2020 – Present"
    assert result.data.education[0].years == "2012 – 2015"


async def test_local_values_that_are_not_grounded_are_not_restored():
    def invented_local(markdown):
        return ResumeData(
            workExperience=[WorkExperience(id=1, company="Babbage & Co", location="Atlantis")]
        )

    result = await parse(answering(GROUNDED), local_parse=invented_local)
    assert result.data.workExperience[0].location == ""


async def test_a_wholly_invented_entry_is_removed():
    payload = with_changes()
    payload["workExperience"].insert(
        1,
        {
            "id": 2,
            "title": "CTO",
            "company": "Initech",
            "years": "2010 – 2012",
            "description": ["Led 40"],
        },
    )
    result = await parse(answering(payload))
    assert [e.company for e in result.data.workExperience] == ["Babbage & Co", "Difference Ltd"]
    assert [e.id for e in result.data.workExperience] == [1, 2]
    assert any("workExperience[1]: nothing" in w for w in result.warnings)


async def test_custom_sections_are_rekeyed_and_grounded():
    payload = with_changes()
    payload["customSections"] = {
        "x.y[0]": {"title": "Skills", "type": "stringList", "strings": ["Excel", "Rust"]},
        "awards": {"title": "Awards", "type": "text", "text": "Turing Award"},
    }
    result = await parse(answering(payload))
    assert list(result.data.customSections) == ["skills"]
    assert result.data.customSections["skills"].strings == ["Excel"]
    assert ungrounded_values(result.data, MARKDOWN) == []


async def test_a_failing_local_parse_only_warns():
    def broken(markdown):
        raise ValueError("parser bug")

    result = await parse(answering(with_changes(workExperience__0__years="")), local_parse=broken)
    assert result.data.workExperience[0].years == ""
    assert any("local parse failed" in w for w in result.warnings)


async def test_provider_failure_is_a_provider_error():
    def respond(messages, info):
        raise ModelHTTPError(400, "m", {"error": {"message": "context length exceeded"}})

    with pytest.raises(LLMProviderError, match="context length exceeded"):
        await parse(FunctionModel(respond, model_name="parser-fails"))


async def test_over_http_one_call_sends_the_resume_once(fake_model_server):
    settings = ProviderSettings(
        "openai-compatible", f"p-{uuid.uuid4().hex[:6]}", None, fake_model_server.base_url
    )
    model = build_model(settings, allow_private=True)
    invented = with_changes(workExperience__0__company="Umbrella Corp")
    fake_model_server.enqueue(replies.tool_call(invented, input_tokens=900, output_tokens=300))
    result = await parse(model)
    assert fake_model_server.call_count == 1
    assert fake_model_server.requests[0].text.count("Built the analytical engine notes") == 1
    assert result.usage.input_tokens == 900
    assert result.data.workExperience[0].company == "Babbage & Co"  # restored from local
    assert ungrounded_values(result.data, MARKDOWN) == []


async def test_over_http_hang_is_a_timeout(fake_model_server):
    settings = ProviderSettings("openai-compatible", "p-hang", None, fake_model_server.base_url)
    fake_model_server.enqueue(replies.hang(10))
    with pytest.raises(LLMTimeout):
        await parse(build_model(settings, allow_private=True), timeout_s=0.5)
