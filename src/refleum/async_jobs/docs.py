"""What the OpenAPI document says about async requests' jobs."""

from __future__ import annotations

from refleum.envelopes import OperationDoc
from refleum.resumes.docs import RESUME_ID
from refleum.tailoring.docs import TAILOR_RESPONSE

JOB_ID = "job_01jd7h2k9q8x4m5n6p7r8s9t0v"

QUEUED_JOB = {
    "id": JOB_ID,
    "kind": "tailor",
    "status": "queued",
    "created_at": "2026-11-29T21:40:00Z",
    "updated_at": "2026-11-29T21:40:00Z",
    "finished_at": None,
    "result": None,
    "error": None,
    "links": {"self": f"/api/v1/jobs/{JOB_ID}"},
}

OPERATIONS = {
    "getJob": OperationDoc(
        "Get an async request's job",
        'The job a request sent with `Prefer: respond-async` (or `"async": true`) was '
        "answered with (202, `Location`). `status` goes queued → running → succeeded or "
        "failed. When `succeeded`, `result` is the `data` the synchronous call would have "
        "answered (a tailor call's `resume_id`, `changes`, `gaps`…); when `failed`, `error` "
        "holds the error envelope's `error` and `detail` (e.g. `TIMEOUT`, `LLM_PROVIDER_ERROR`). "
        "A job survives a restart: an interrupted one runs again. Webhooks "
        f"(`tailor.completed`, `tailor.failed`, `letter.generated`) fire as for a "
        f"synchronous call. Jobs of other organizations are 404. Resume {RESUME_ID}'s "
        "tailoring, finished:",
        response_example={
            "data": {
                **QUEUED_JOB,
                "status": "succeeded",
                "finished_at": "2026-11-29T21:40:41Z",
                "updated_at": "2026-11-29T21:40:41Z",
                "result": TAILOR_RESPONSE,
            }
        },
    ),
}
