"""POST /resumes/{id}/tailor end to end: local engine, plan and language gates, hostile models."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from tests.fakes import FakeModelServer, replies
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

from refleum.orgs.plans import Plan
from refleum.resumes.models import Resume

JD = """Data Analyst, Northwind Analytics

We are hiring a Data Analyst to join our analytics team and turn data into decisions.

Requirements:
- 3+ years of experience with SQL and Python for analysis
- Experience building dashboards in Tableau
- Strong Excel skills and attention to detail
- Clear communication with business stakeholders

Nice to have:
- Experience with dbt or Airflow
- Familiarity with Snowflake

Responsibilities:
- Build and maintain reporting dashboards used by managers across the company
- Automate recurring reports and reduce manual work
- Partner with finance and operations to answer questions with data
- Present findings to leadership in a clear and concise way every week
We offer a friendly team, flexible hours, and the chance to shape how a growing company
uses its data to make better decisions every single day."""


async def ready_resume(client, app, org) -> str:
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    return resume_id


async def tailor(client, org, resume_id, **body):
    return await client.post(
        f"/api/v1/resumes/{resume_id}/tailor",
        headers=org.headers,
        json={"job_description": JD, **body},
    )


async def count_resumes(app) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(Resume))


@pytest.mark.parametrize("strategy", ["NUDGE", "KEYWORDS", "FULL"])
async def test_local_engine_tailors_truthfully_and_persists_a_child(client, app, org, strategy):
    source_id = await ready_resume(client, app, org)
    response = await tailor(client, org, source_id, strategy=strategy)
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert data["parent_id"] == source_id and data["strategy"] == strategy
    assert data["status"] == "READY" and data["is_master"] is False
    stats = data["refinement_stats"]
    assert stats["passes_completed"] == 3
    assert stats["final_match_percentage"] >= stats["initial_match_percentage"]
    assert "SQL" in data["job_keywords"]["required_skills"]
    assert "Snowflake" not in str(data["resume_data"])  # a JD skill the resume lacks
    assert data["usage"] == {"llm_calls": 0, "input_tokens": 0, "output_tokens": 0}
    source = (await client.get(f"/api/v1/resumes/{source_id}", headers=org.headers)).json()["data"]
    tailored = data["resume_data"]
    assert (
        tailored["personalInfo"] == source["structured_data"]["personalInfo"] or strategy == "FULL"
    )
    assert [j["company"] for j in tailored["workExperience"]] == [
        j["company"] for j in source["structured_data"]["workExperience"]
    ]
    stored = (await client.get(f"/api/v1/resumes/{data['resume_id']}", headers=org.headers)).json()
    assert stored["data"]["job_description"] == JD
    assert stored["data"]["structured_data"] == tailored


async def test_deterministic_for_the_same_input(client, app, org):
    source_id = await ready_resume(client, app, org)
    first = (await tailor(client, org, source_id, strategy="FULL")).json()["data"]
    second = (await tailor(client, org, source_id, strategy="FULL")).json()["data"]
    assert first["resume_data"] == second["resume_data"]
    assert first["refinement_stats"] == second["refinement_stats"]


@pytest.mark.parametrize(
    ("body", "status", "code", "needle"),
    [
        ({"job_description": "too short"}, 400, "VALIDATION_ERROR", "job_description"),
        ({"job_description": "word " * 8001}, 400, "VALIDATION_ERROR", "job_description"),
        ({"strategy": "MAXIMAL"}, 400, "VALIDATION_ERROR", "strategy"),
        ({"output_language": "klingon"}, 400, "VALIDATION_ERROR", "output_language"),
        ({"output_language": "zh"}, 400, "VALIDATION_ERROR", "LLM provider"),
        ({"surprise": 1}, 400, "VALIDATION_ERROR", "surprise"),
    ],
)
async def test_bad_requests_store_nothing(client, app, org, body, status, code, needle):
    source_id = await ready_resume(client, app, org)
    before = await count_resumes(app)
    response = await client.post(
        f"/api/v1/resumes/{source_id}/tailor",
        headers=org.headers,
        json={"job_description": JD, **body},
    )
    assert (response.status_code, response.json()["error"]) == (status, code)
    assert needle in response.json()["detail"]
    assert await count_resumes(app) == before


async def ready_resume_without_requests(app, who) -> str:
    """Free allows one request a minute: build its resume through the service layer."""
    from refleum.resumes.service import create_upload

    async with app.state.db.sessions() as session:
        resume = await create_upload(
            session,
            who.org_id,
            filename="cv.pdf",
            kind="pdf",
            data=sample_pdf(),
            set_as_master=True,
        )
        await session.commit()
    await app.state.jobs.drain()
    return resume.id


async def test_plan_gates(client, app, make_org):
    free = await make_org("Free", Plan.FREE)
    starter = await make_org("Starter", Plan.STARTER)
    for who, body in ((free, {}), (starter, {"output_language": "es"})):
        resume_id = await ready_resume_without_requests(app, who)
        response = await tailor(client, who, resume_id, **body)
        assert (response.status_code, response.json()["error"]) == (403, "PLAN_REQUIRED")


async def test_source_not_ready_is_no_master_resume(client, org):
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    response = await tailor(client, org, resume_id)
    assert (response.status_code, response.json()["error"]) == (400, "NO_MASTER_RESUME")


async def test_tailoring_a_tailored_resume_uses_the_original_as_truth(client, app, org):
    source_id = await ready_resume(client, app, org)
    child = (await tailor(client, org, source_id, strategy="KEYWORDS")).json()["data"]
    grandchild = await tailor(client, org, child["resume_id"], strategy="FULL")
    assert grandchild.status_code == 201
    await client.delete(f"/api/v1/resumes/{source_id}", headers=org.headers)
    orphan = await tailor(client, org, child["resume_id"])
    assert (orphan.status_code, orphan.json()["error"]) == (400, "NO_MASTER_RESUME")


async def test_letters_come_with_tailoring_when_enabled(client, app, org):
    await client.put(
        "/api/v1/llm-config",
        headers=org.headers,
        json={"enable_cover_letter": True, "enable_outreach_message": True},
    )
    source_id = await ready_resume(client, app, org)
    data = (await tailor(client, org, source_id)).json()["data"]
    assert data["cover_letter"]["content"] and data["cover_letter"]["cover_letter_id"].startswith(
        "cl_"
    )
    assert data["outreach_message"]["content"]


async def test_only_successful_calls_count_against_the_quota(client, app, org):
    source_id = await ready_resume(client, app, org)
    await tailor(client, org, source_id)
    await tailor(client, org, source_id, output_language="zh")  # fails: local lacks zh
    usage = (await client.get("/api/v1/usage", headers=org.headers)).json()["data"]
    assert usage["tailor_calls"] == 1


# --- a model as the engine: hostile output is caught --------------------------------------


@pytest.fixture
def model_server():
    with FakeModelServer() as server:
        yield server


async def use_model(client, app, org, server):
    app.state.settings.llm_allow_private_base = True
    app.state.settings.tailor_timeout_s = 5
    response = await client.put(
        "/api/v1/llm-config",
        headers=org.headers,
        json={"provider": "openai-compatible", "model": "tiny", "api_base": server.base_url},
    )
    assert response.status_code == 200, response.text


KEYWORDS_ANSWER = {
    "required_skills": ["SQL", "Python", "Tableau", "Kubernetes"],
    "preferred_skills": ["Snowflake"],
    "keywords": ["dashboards"],
    "key_responsibilities": ["Build dashboards"],
    "experience_years": 3,
    "seniority_level": None,
}


async def test_fabricating_model_is_stopped_by_the_guard(client, app, org, model_server):
    source_id = await ready_resume(client, app, org)
    source = (await client.get(f"/api/v1/resumes/{source_id}", headers=org.headers)).json()
    bullet = source["data"]["structured_data"]["workExperience"][0]["description"][1]
    fabrications = {
        "job": KEYWORDS_ANSWER,
        "edits": [
            {
                "id": "w1.2",
                "old": bullet,
                "new": bullet.replace("35%", "45%"),
                "why": "bigger number",
            },
            # Not an id of the listing: a path to a fact, which the guard blocks.
            {"id": "workExperience[0].company", "old": "Northwind Traders", "new": "Google"},
            {
                "id": "s",
                "old": "",
                "new": "Snowflake and Kubernetes expert with a PhD from MIT.",
                "why": "match",
            },
        ],
    }
    await use_model(client, app, org, model_server)
    model_server.enqueue(replies.json_answer(fabrications))
    response = await tailor(client, org, source_id, strategy="FULL")
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    text = str(data["resume_data"])
    for invented in ("45%", "Google", "Snowflake", "Kubernetes", "PhD", "MIT"):
        assert invented not in text
    assert "Kubernetes" not in data["job_keywords"]["required_skills"]  # not in the JD
    assert {r["path"] for r in data["rejected"]} == {
        "workExperience[0].description[1]",
        "workExperience[0].company",
        "summary",
    }
    assert data["usage"]["llm_calls"] == 1 and model_server.call_count == 1


async def test_broken_model_output_is_a_502_and_stores_nothing(client, app, org, model_server):
    source_id = await ready_resume(client, app, org)
    await use_model(client, app, org, model_server)
    model_server.enqueue(*[replies.garbage() for _ in range(12)])
    before = await count_resumes(app)
    response = await tailor(client, org, source_id)
    assert (response.status_code, response.json()["error"]) == (502, "LLM_PROVIDER_ERROR")
    assert "sk-" not in response.text
    assert await count_resumes(app) == before


async def test_a_hanging_model_is_a_504_and_stores_nothing(client, app, org, model_server):
    source_id = await ready_resume(client, app, org)
    await use_model(client, app, org, model_server)
    app.state.settings.tailor_timeout_s = 1
    model_server.enqueue(replies.hang(5), replies.hang(5), replies.hang(5))
    before = await count_resumes(app)
    response = await tailor(client, org, source_id)
    assert (response.status_code, response.json()["error"]) == (504, "TIMEOUT")
    assert await count_resumes(app) == before


async def test_the_gap_report_comes_with_the_lines_behind_it(client, app, org):
    # #16: every JD skill not in gaps is in skills_shown with a line of the tailored resume.
    source_id = await ready_resume(client, app, org)
    response = await tailor(client, org, source_id, strategy="KEYWORDS")
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    shown = data["skills_shown"]
    assert shown and all(e["how"] in ("stated", "shown") for e in shown)
    named = {e["skill"] for e in shown}
    assert not named & set(data["gaps"])
    assert set(data["job_keywords"]["required_skills"]) <= named | set(data["gaps"])
    text = str(data["resume_data"])
    assert all(e["line"] in text for e in shown if e["line"])


async def test_the_tailored_resume_keeps_its_gap_report_for_later_reads(client, app, org):
    # A client reading the tailored resume back gets the tailor call's gaps and evidence; an
    # uploaded resume has no gap report, which is null rather than an empty "no gaps".
    source_id = await ready_resume(client, app, org)
    made = (await tailor(client, org, source_id, strategy="KEYWORDS")).json()["data"]
    read = (await client.get(f"/api/v1/resumes/{made['resume_id']}", headers=org.headers)).json()
    assert read["data"]["gaps"] == made["gaps"]
    assert read["data"]["skills_shown"] == made["skills_shown"] != []
    source = (await client.get(f"/api/v1/resumes/{source_id}", headers=org.headers)).json()
    assert (source["data"]["gaps"], source["data"]["skills_shown"]) == (None, None)


@pytest.mark.parametrize(
    "switches,named",
    [
        ({}, "No cover letter or outreach message was written"),
        ({"enable_cover_letter": True}, "No outreach message was written"),
        ({"enable_outreach_message": True}, "No cover letter was written"),
        ({"enable_cover_letter": True, "enable_outreach_message": True}, None),
    ],
    ids=["both-off", "outreach-off", "cover-off", "both-on"],
)
async def test_a_letter_the_org_has_off_is_named_in_the_warnings(client, app, org, switches, named):
    if switches:
        await client.put("/api/v1/llm-config", headers=org.headers, json=switches)
    response = await tailor(client, org, await ready_resume(client, app, org))
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    off = [w for w in data["warnings"] if "off for this organization" in w]
    if named is None:
        assert off == [] and data["cover_letter"] and data["outreach_message"]
    else:
        assert len(off) == 1 and off[0].startswith(named) and "PUT /api/v1/llm-config" in off[0]
