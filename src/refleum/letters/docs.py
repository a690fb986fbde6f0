"""What the OpenAPI document says about cover letters and outreach messages: one set of
texts for both kinds, as the routes are one set of code for both."""

from __future__ import annotations

from typing import Any

from refleum.envelopes import OperationDoc
from refleum.letters.kinds import Kind
from refleum.resumes.docs import CREATED_AT, TAILORED_ID

# The operationId stems of each kind: generateCoverLetter, listOutreachMessages, ...
NAMES = {Kind.COVER_LETTER: "CoverLetter", Kind.OUTREACH: "OutreachMessage"}

_JD = "Senior Backend Engineer, Payments Platform. Northbeam builds the payments platform…"
EXAMPLES: dict[Kind, dict[str, Any]] = {
    Kind.COVER_LETTER: {
        "cover_letter_id": "cl_01jx2m5a3db7p9r1t4v6x8z0gh",
        "resume_id": TAILORED_ID,
        "content": "Dear Northbeam hiring team,\n\nI design and run Python APIs that carry "
        "real traffic: at Parcelway I built the shipment-tracking API in FastAPI that now "
        "serves 40M requests a day, and cut the rates service's p95 latency from 900 ms to "
        "180 ms by tuning PostgreSQL queries. …\n\nBest regards,\nMaya Chen",
        "job_description": _JD,
        "language": "en",
        "warnings": [],
        "created_at": CREATED_AT,
        "updated_at": CREATED_AT,
    },
    Kind.OUTREACH: {
        "outreach_id": "out_01jx2m5c7fk2q4s6w8y0a3d5jm",
        "resume_id": TAILORED_ID,
        "content": "Hi, I saw Northbeam is hiring a Senior Backend Engineer for the payments "
        "platform. I build high-traffic Python and PostgreSQL APIs (40M requests a day at "
        "Parcelway) and would love to talk about the role.",
        "connection_note": "Hi! Backend engineer (Python, PostgreSQL, 40M req/day APIs) "
        "interested in Northbeam's Senior Backend role – happy to connect.",
        "job_description": _JD,
        "language": "en",
        "warnings": [],
        "created_at": CREATED_AT,
        "updated_at": CREATED_AT,
    },
}

_REQUEST = {"output_language": "en"}
_WRITE_RULES = (
    "Written from the resume's own content only (nothing it does not say), for the job "
    "description given as `job_description`, else the one stored with the resume (a "
    "tailored resume has one); none at all is a 400 `NO_JOB_DESCRIPTION`. The body and "
    "each field are optional. The resume must be READY. Starter plan and above (403 "
    "`PLAN_REQUIRED`; a language other than English needs Pro). A failing model provider "
    "is a 502, the hard timeout a 504."
)


def operations_of(kind: Kind) -> dict[str, OperationDoc]:
    name, label = NAMES[kind], kind.label
    a_label = f"{'an' if label[0] in 'aeiou' else 'a'} {label}"
    example = EXAMPLES[kind]
    plural = f"{label}s"
    return {
        f"list{name}s": OperationDoc(
            f"List a resume's {plural}",
            f"The {plural} written for one resume, paged with `limit` (1–100, default 20) "
            "and `offset`; `meta.total` counts them all.",
            response_example={"data": [example], "meta": {"limit": 20, "offset": 0, "total": 1}},
        ),
        f"generate{name}": OperationDoc(
            f"Write {a_label}",
            f"Writes and stores a new {label} for the resume (201). " + _WRITE_RULES,
            request_example=_REQUEST,
            response_example={"data": example},
        ),
        f"get{name}": OperationDoc(
            f"Get {a_label}",
            f"One {label} of the resume, with its full content. An id of another resume or "
            "organization is a 404.",
            response_example={"data": example},
        ),
        f"delete{name}": OperationDoc(
            f"Delete {a_label}",
            f"Deletes the {label} for good; the resume and its other {plural} stay. An id "
            "of another resume or organization is a 404.",
            response_example={"data": {kind.id_field: example[kind.id_field], "deleted": True}},
        ),
        f"regenerate{name}": OperationDoc(
            f"Rewrite {a_label}",
            f"Writes the {label} again and replaces it in place (same id, 200). By default "
            "with its own job description and language. " + _WRITE_RULES,
            request_example=_REQUEST,
            response_example={"data": example},
        ),
    }


OPERATIONS = {op: doc for kind in Kind for op, doc in operations_of(kind).items()}
