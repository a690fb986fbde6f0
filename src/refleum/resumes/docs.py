"""What the OpenAPI document says about the resume operations: summaries, descriptions and
examples, written for the people calling the API. The examples are one consistent story
(the same ids and the same candidate) that the tailoring and letter docs continue."""

from __future__ import annotations

from typing import Any

from refleum.envelopes import OperationDoc

RESUME_ID = "res_01jx2k7p9qv3m8t4w6y0z5c1bd"
TAILORED_ID = "res_01jx2m4r8sb6n2v9x3z7a5c0ef"
CREATED_AT = "2026-05-28T09:14:03.512000Z"
PARSED_AT = "2026-05-28T09:14:09.871000Z"

RESUME_DATA: dict[str, Any] = {
    "personalInfo": {
        "name": "Maya Chen",
        "title": "Backend Engineer",
        "email": "maya.chen@example.com",
        "phone": "+1 415 555 0142",
        "location": "San Francisco, CA",
        "website": "",
        "linkedin": "linkedin.com/in/mayachen",
        "github": "github.com/mayachen",
    },
    "summary": "Backend engineer with six years of Python and PostgreSQL, building APIs "
    "for payments and logistics teams.",
    "workExperience": [
        {
            "id": 1,
            "title": "Senior Backend Engineer",
            "company": "Parcelway",
            "location": "San Francisco, CA",
            "years": "Mar 2022 – Present",
            "description": [
                "Designed the shipment-tracking API in Python and FastAPI, serving 40M "
                "requests a day",
                "Cut p95 latency of the rates service from 900 ms to 180 ms with PostgreSQL "
                "query tuning",
            ],
        },
        {
            "id": 2,
            "title": "Software Engineer",
            "company": "Ledgerline",
            "location": "Oakland, CA",
            "years": "Jun 2019 – Feb 2022",
            "description": ["Built the payout reconciliation jobs in Python and Celery"],
        },
    ],
    "education": [
        {
            "id": 1,
            "institution": "University of California, Davis",
            "degree": "B.S. Computer Science",
            "years": "2015 – 2019",
            "description": "",
        }
    ],
    "personalProjects": [],
    "additional": {
        "technicalSkills": ["Python", "FastAPI", "PostgreSQL", "Redis", "Docker", "AWS"],
        "languages": ["English", "Mandarin"],
        "certificationsTraining": ["AWS Certified Developer – Associate"],
        "awards": [],
    },
    "customSections": {},
}

SUMMARY = {
    "resume_id": RESUME_ID,
    "is_master": True,
    "status": "READY",
    "title": None,
    "filename": "maya-chen-resume.pdf",
    "warnings": [],
    "parent_id": None,
    "strategy": None,
    "created_at": CREATED_AT,
    "updated_at": PARSED_AT,
}
RESUME = {**SUMMARY, "structured_data": RESUME_DATA, "job_description": None, "job_keywords": None}

_ERRORS_NOTE = ' Errors are `{"error": CODE, "detail": …}`; the codes are listed per status.'

OPERATIONS = {
    "uploadResume": OperationDoc(
        "Upload a resume (PDF or DOCX)",
        "Stores the file and starts parsing it in the background: the answer is immediate, "
        "with `status: PROCESSING`. Poll `GET /resumes/{id}` until it is `READY` (with "
        "`structured_data`) or `FAILED` (a readable reason in `warnings`); parsing takes "
        "seconds. Send `multipart/form-data` with `file` (PDF or DOCX, decided by its bytes; "
        "not empty; at most 10 MB) and optionally `set_as_master=true`. The first resume of "
        "an organization becomes its master either way. A file that is not a PDF or DOCX, "
        "is empty or too large is a 400 `VALIDATION_ERROR`." + _ERRORS_NOTE,
        response_example={"data": {**SUMMARY, "status": "PROCESSING", "updated_at": CREATED_AT}},
    ),
    "listResumes": OperationDoc(
        "List resumes",
        "The organization's resumes, most recently updated first, without their content "
        "(`GET /resumes/{id}` has it). The master is left out unless `include_master=true`. "
        "Paged with `limit` (1–100, default 20) and `offset`; `meta.total` counts them all.",
        response_example={
            "data": [{**SUMMARY, "is_master": False, "resume_id": TAILORED_ID}],
            "meta": {"limit": 20, "offset": 0, "total": 1},
        },
    ),
    "getResume": OperationDoc(
        "Get a resume with its content",
        "One resume with `structured_data` (ResumeData; null until parsing is done), and, "
        "for a tailored resume, the `job_description`, `job_keywords`, `strategy` and "
        "`parent_id` it was made from. Poll this after an upload: `status` goes from "
        "`PROCESSING` to `READY` or `FAILED`. Another organization's id is a 404, exactly "
        "like an id that does not exist.",
        response_example={"data": RESUME},
    ),
    "updateResume": OperationDoc(
        "Edit a resume by hand",
        "Changes `title`, `filename`, `status` (`READY` or `FAILED`) or the content. "
        "`structuredData` (also accepted as `structured_data`) is merged into the stored "
        "ResumeData: objects are merged, lists replaced, and the result must be valid "
        "ResumeData within the size caps, else 400 and nothing changes. No model is "
        "called; the cached PDF is dropped. Unknown fields are a 400.",
        request_example={
            "title": "Maya Chen – platform roles",
            "structuredData": {"summary": "Backend engineer with six years of Python."},
        },
        response_example={"data": {**RESUME, "title": "Maya Chen – platform roles"}},
    ),
    "deleteResume": OperationDoc(
        "Delete a resume",
        "Deletes the resume with its cover letters and outreach messages. Resumes tailored "
        "from it stay, and keep what they need to be verified.",
        response_example={"data": {"resume_id": RESUME_ID, "deleted": True}},
    ),
    "retryResume": OperationDoc(
        "Parse a resume again",
        "Starts a new parse from the stored text (or the original file) and answers with "
        "`status: PROCESSING`; poll `GET /resumes/{id}` as after an upload. Useful after a "
        "`FAILED` parse or a change of model (`PUT /llm-config`). A resume that has nothing "
        "to parse from (a tailored one) is a 400.",
        response_example={"data": {**RESUME, "status": "PROCESSING"}},
    ),
    "getResumePdf": OperationDoc(
        "Download a resume as PDF",
        "The resume rendered as PDF (`application/pdf`), cached until its content changes. "
        "A tailored resume's PDF needs no key: its unguessable id is the secret, so the "
        "`pdf_url` of a tailor response can be handed on. An uploaded original needs its "
        "organization's key (without one it is a 404). `template` (`classic`, `modern`) "
        "and `page_size` (`A4`, `Letter`) choose the layout; `download=true` makes "
        "`Content-Disposition` an attachment. 503 `PDF_RENDER_FAILED` when it cannot be "
        "rendered.",
    ),
    "getResumeDocx": OperationDoc(
        "Download a resume as DOCX",
        "The resume as a Word document, as an attachment named after the candidate. "
        "A resume with no parsed content yet is a 404.",
    ),
    "getResumeMarkdown": OperationDoc(
        "Get a resume as Markdown",
        "The resume as Markdown text (`text/markdown; charset=utf-8`), the same sections as "
        "the PDF. A resume without content yet is a 404.",
    ),
}
