"""What the OpenAPI document says about tailoring, with a request and an answer that follow
the resume examples (the same candidate, her master resume tailored to one job)."""

from __future__ import annotations

from refleum.envelopes import OperationDoc
from refleum.resumes.docs import RESUME_DATA, RESUME_ID, TAILORED_ID

# 100–8,000 words are required, so the example is a whole (short) job description.
JOB_DESCRIPTION = (
    "Senior Backend Engineer, Payments Platform. Northbeam builds the payments platform "
    "behind thousands of online stores. We are looking for a Senior Backend Engineer to "
    "design and run the APIs that move money for our merchants. You will own services "
    "written in Python with FastAPI, backed by PostgreSQL and Redis, deployed on AWS with "
    "Docker and Kubernetes. Responsibilities: design reliable, well documented REST APIs; "
    "improve latency and throughput of high-traffic services; lead reviews and mentor two "
    "engineers; work with product and finance on reconciliation and payouts. Requirements: "
    "five or more years building backend services in Python; deep PostgreSQL experience, "
    "including query tuning; experience with Redis, queues and background jobs; clear "
    "written communication. Nice to have: GraphQL, Terraform, experience in payments or "
    "logistics. We offer a remote-friendly team, a learning budget and equity."
)

TAILORED_DATA = {
    **RESUME_DATA,
    "summary": "Backend engineer with six years of Python and PostgreSQL, building "
    "high-traffic REST APIs for payments and logistics teams.",
}

TAILOR_RESPONSE = {
    "resume_id": TAILORED_ID,
    "is_master": False,
    "status": "READY",
    "filename": "maya-chen-resume.pdf",
    "strategy": "KEYWORDS",
    "job_keywords": {
        "required_skills": ["Python", "FastAPI", "PostgreSQL", "Redis"],
        "preferred_skills": ["GraphQL", "Terraform"],
        "keywords": ["REST APIs", "payments", "latency", "background jobs"],
        "key_responsibilities": ["Design reliable REST APIs", "Mentor engineers"],
        "experience_years": 5,
        "seniority_level": "Senior",
    },
    "parent_id": RESUME_ID,
    "pdf_url": f"https://api.example.com/api/v1/resumes/{TAILORED_ID}/pdf",
    "refinement_stats": {
        "passes_completed": 3,
        "keywords_injected": 2,
        "ai_phrases_removed": ["spearheaded"],
        "alignment_violations_fixed": 0,
        "initial_match_percentage": 58.3,
        "final_match_percentage": 79.2,
    },
    "warnings": [],
    "resume_data": TAILORED_DATA,
    "changes": [
        {
            "path": "summary",
            "before": RESUME_DATA["summary"],
            "after": TAILORED_DATA["summary"],
            "reason": "Names the REST APIs and high traffic the job asks for",
            "source_lines": ["Designed the shipment-tracking API in Python and FastAPI"],
        }
    ],
    "rejected": [],
    "gaps": ["GraphQL", "Terraform"],
    "skills_shown": [
        {
            "skill": "Python",
            "how": "stated",
            "line": "Backend engineer with six years of Python and PostgreSQL, building "
            "high-traffic REST APIs for payments and logistics teams.",
        },
        {
            "skill": "FastAPI",
            "how": "stated",
            "line": "Designed the shipment-tracking API in Python and FastAPI, serving 40M "
            "requests a day",
        },
    ],
    "usage": {"llm_calls": 0, "input_tokens": 0, "output_tokens": 0},
    "cover_letter": None,
    "outreach_message": None,
}

OPERATIONS = {
    "tailorResume": OperationDoc(
        "Tailor a resume to a job description",
        "Rewrites the resume for one job and stores the result as a new resume (its "
        "`parent_id` is this one), in one request: keyword extraction, edits by the chosen "
        "`strategy` (NUDGE: minimal; KEYWORDS: reword bullets; FULL: rewrite), a truth guard "
        "that refuses anything the original resume does not support (`rejected`), and "
        "refinement. The answer has the tailored `resume_data`, every change with the "
        "original lines behind it, and `pdf_url` when `generate_pdf` is true. With "
        "`enable_cover_letter` / `enable_outreach_message` on (`PUT /llm-config`) the "
        "letters come with it. Starter plan and above (403 `PLAN_REQUIRED`); each success "
        "counts against the monthly quota (429 when used up). The resume, or the original "
        "it was tailored from, must be READY (400 `NO_MASTER_RESUME`). The job description "
        "is 100–8,000 words. Hard timeout 240 s (504 `TIMEOUT`, nothing stored); a failing "
        'model provider is a 502. With `Prefer: respond-async` (or `"async": true`) the '
        "same checks run, then 202 with a job to poll at `GET /jobs/{id}` (`getJob`), whose "
        "`result` is this answer's `data`.",
        request_example={
            "job_description": JOB_DESCRIPTION,
            "strategy": "KEYWORDS",
            "output_language": "en",
            "generate_pdf": True,
        },
        response_example={"data": TAILOR_RESPONSE},
    ),
}
