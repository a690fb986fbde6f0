"""A resume and job descriptions for letter tests, and helpers to get a READY resume."""

from __future__ import annotations

import re

from sqlalchemy import update
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

from refleum.resume_data import ResumeData
from refleum.resumes import service as resumes
from refleum.resumes.models import Resume
from refleum.resumes.schemas import ResumePatch

RESUME = {
    "personalInfo": {
        "name": "Ana Souza",
        "title": "Data Analyst",
        "email": "ana@example.com",
        "phone": "+1 415 555 0100",
        "location": "Lisbon, Portugal",
    },
    "summary": "Data analyst who turns messy operational data into decisions.",
    "workExperience": [
        {
            "id": 1,
            "title": "Data Analyst",
            "company": "Northwind Traders",
            "years": "Jan 2021 – Present",
            "description": [
                "Built weekly revenue dashboards in Tableau used by 40 managers",
                "Automated SQL reporting, cutting manual work by 35%",
                "Presented findings to the leadership team every quarter",
            ],
        },
        {
            "id": 2,
            "title": "Junior Analyst",
            "company": "Contoso",
            "years": "2019 – 2020",
            "description": ["Cleaned survey data in Python (pandas) for 12 research projects"],
        },
    ],
    "education": [
        {
            "id": 1,
            "institution": "University of Lisbon",
            "degree": "BSc Statistics",
            "years": "2016 – 2020",
        }
    ],
    "additional": {
        "technicalSkills": ["SQL", "Python", "Tableau", "Excel"],
        "languages": ["Portuguese", "English"],
    },
}

JD = """Senior Data Analyst

About Globex
Globex is a logistics company moving freight across Europe. We are looking for a Senior Data
Analyst to join our analytics team and help operations make faster, better decisions.

Responsibilities
- Build and maintain dashboards for operations and finance
- Write SQL to answer questions from stakeholders
- Present findings to leadership

Requirements
- 5+ years of experience with SQL and Python
- Experience building dashboards in Tableau or Looker
- Experience with dbt and Snowflake

Nice to have
- Airflow
"""

OTHER_JD = """Analytics Engineer - Initech

Initech is hiring an Analytics Engineer to own our reporting stack. You will write SQL
models, build Tableau dashboards and partner with finance. Python is a plus.
"""

ANONYMOUS_JD = """We need someone to write SQL, build dashboards in Tableau and automate
reporting in Python. You will work with the finance and operations teams every day."""


def resume_data() -> ResumeData:
    return ResumeData.model_validate(RESUME)


def numbers_in(text: str) -> set[str]:
    return set(re.findall(r"\d+", text))


async def ready_resume(client, org, *, job_description: str | None = None, app=None) -> str:
    """Upload, then PATCH structured data and READY (no parse pipeline); optionally store a JD."""
    rid = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    response = await client.patch(
        f"/api/v1/resumes/{rid}",
        headers=org.headers,
        json={"structuredData": RESUME, "status": "READY"},
    )
    assert response.status_code == 200, response.text
    if job_description is not None:
        async with app.state.db.sessions() as session:
            await session.execute(
                update(Resume).where(Resume.id == rid).values(job_description=job_description)
            )
            await session.commit()
    return rid


async def ready_resume_via_service(app, org_id: str) -> str:
    """The same READY resume, made without requests (for plans whose rate limit is 1/min)."""
    async with app.state.db.sessions() as session:
        resume = await resumes.create_upload(
            session, org_id, filename="cv.pdf", kind="pdf", data=sample_pdf(), set_as_master=False
        )
        patch = ResumePatch(structuredData=RESUME, status="READY")
        await resumes.patch_resume(session, org_id, resume.id, patch)
        await session.commit()
    return resume.id
