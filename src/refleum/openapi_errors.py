"""Which errors each operation can answer, derived from one table of where errors come from.

The published schema gives every operation its own error model (``UploadResumeError`` …)
whose ``error`` is an enum of exactly the codes listed here, so a generated client can
switch on them. tests/test_openapi_fuzz.py holds the server to these lists: a code or a
status an operation answers but does not declare fails it.
"""

from __future__ import annotations

from dataclasses import dataclass

from refleum.errors import (
    ApiError,
    IdempotencyConflict,
    InvalidKey,
    LLMProviderFailed,
    MissingKey,
    NoJobDescription,
    NoMasterResume,
    NotFound,
    PdfRenderFailed,
    PlanRequired,
    RateLimited,
    ServiceUnavailable,
    Timeout,
    Unauthorized,
    ValidationFailed,
)


@dataclass(frozen=True)
class Cause:
    """One way a request fails: the error class (its status and code) and when it happens."""

    error: type[ApiError]
    when: str


# Every request passes the per-address window and may meet a bug; the rate limiter's
# shared counter (Redis) being down is a 503 when the operator chose to fail closed.
EVERY_REQUEST = (
    Cause(
        RateLimited,
        "too many requests: the organization's per-minute limit, the client "
        "address's, or (tailoring) the monthly quota; see Retry-After",
    ),
    Cause(ApiError, "an unexpected server error; the X-Request-ID names it in the logs"),
    Cause(ServiceUnavailable, "the rate limiter or the database cannot be reached"),
)
INPUT = (Cause(ValidationFailed, "a body or query field is invalid; detail names it"),)
API_KEY = (
    Cause(MissingKey, "no API key sent"),
    Cause(InvalidKey, "the key is unknown, revoked or expired"),
    Cause(Unauthorized, "the Authorization or x-api-key header is malformed"),
)
# The PDF of a tailored resume needs no key, so a missing one is never an error there.
OPTIONAL_API_KEY = API_KEY[1:]
ADMIN_TOKEN = (
    Cause(MissingKey, "no admin token sent"),
    Cause(Unauthorized, "the admin token is wrong or the header malformed"),
)
RECORD = (Cause(NotFound, "no such id in this organization"),)
PLAN = (Cause(PlanRequired, "the plan lacks the feature or the output language"),)
MODEL = (
    Cause(LLMProviderFailed, "the configured model provider failed or answered garbage"),
    Cause(Timeout, "the model work passed the hard timeout; nothing was stored"),
)
PDF = (Cause(PdfRenderFailed, "the PDF could not be rendered"),)
NO_MASTER = (
    Cause(
        NoMasterResume, "the resume, or the original it was tailored from, is missing or not READY"
    ),
)
NO_JD = (Cause(NoJobDescription, "no job description given and none is stored"),)

# Every keyed POST takes an Idempotency-Key (idempotency/; docs/api.md).
IDEMPOTENT = (
    Cause(
        IdempotencyConflict,
        "the Idempotency-Key was used with a different request, or a request with it is "
        "still being processed",
    ),
)

_KEYED_RECORD = API_KEY + RECORD
_LETTER_WRITE = INPUT + _KEYED_RECORD + PLAN + MODEL + NO_JD + IDEMPOTENT

# The errors each operation adds to EVERY_REQUEST, by operationId.
OPERATION_ERRORS: dict[str, tuple[Cause, ...]] = {
    "getHealth": (),
    "uploadResume": INPUT + API_KEY + IDEMPOTENT,
    "listResumes": INPUT + API_KEY,
    "getResume": _KEYED_RECORD,
    "updateResume": INPUT + _KEYED_RECORD,
    "deleteResume": _KEYED_RECORD,
    "retryResume": INPUT + _KEYED_RECORD + IDEMPOTENT,
    "getResumePdf": INPUT + OPTIONAL_API_KEY + RECORD + PDF,
    "getResumeDocx": _KEYED_RECORD,
    "getResumeMarkdown": _KEYED_RECORD,
    "tailorResume": INPUT + _KEYED_RECORD + PLAN + MODEL + PDF + NO_MASTER + IDEMPOTENT,
    "listCoverLetters": INPUT + _KEYED_RECORD,
    "generateCoverLetter": _LETTER_WRITE,
    "getCoverLetter": _KEYED_RECORD,
    "deleteCoverLetter": _KEYED_RECORD,
    "regenerateCoverLetter": _LETTER_WRITE,
    "listOutreachMessages": INPUT + _KEYED_RECORD,
    "generateOutreachMessage": _LETTER_WRITE,
    "getOutreachMessage": _KEYED_RECORD,
    "deleteOutreachMessage": _KEYED_RECORD,
    "regenerateOutreachMessage": _LETTER_WRITE,
    "getUsage": API_KEY,
    "getLlmConfig": API_KEY,
    "updateLlmConfig": INPUT + API_KEY,
    "createOrg": INPUT + ADMIN_TOKEN,
    "listOrgs": ADMIN_TOKEN,
    "updateOrg": INPUT + ADMIN_TOKEN + RECORD,
    "createKey": ADMIN_TOKEN + RECORD,
    "listKeys": ADMIN_TOKEN + RECORD,
    "revokeKey": ADMIN_TOKEN + RECORD,
    "createWebhook": INPUT + API_KEY + IDEMPOTENT,
    "listWebhooks": API_KEY,
    "getWebhook": _KEYED_RECORD,
    "updateWebhook": INPUT + _KEYED_RECORD,
    "deleteWebhook": _KEYED_RECORD,
    "listWebhookDeliveries": _KEYED_RECORD,
    "redeliverWebhook": _KEYED_RECORD + IDEMPOTENT,
    "testWebhook": _KEYED_RECORD + IDEMPOTENT,
    "getJob": _KEYED_RECORD,
}


def causes_of(operation_id: str) -> dict[int, dict[str, str]]:
    """status -> {code: when} for one operation, EVERY_REQUEST included.

    An operation missing from the table gets EVERY_REQUEST only rather than breaking
    /openapi.json; tests/test_openapi_schema.py fails until it is added.
    """
    by_status: dict[int, dict[str, str]] = {}
    for cause in (*OPERATION_ERRORS.get(operation_id, ()), *EVERY_REQUEST):
        whens = by_status.setdefault(cause.error.status, {})
        if cause.error.code in whens:
            whens[cause.error.code] += f"; {cause.when}"
        else:
            whens[cause.error.code] = cause.when
    return dict(sorted(by_status.items()))
