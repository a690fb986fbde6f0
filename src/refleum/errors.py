"""API errors: one class per error code of the public contract.

Every error the service returns is an ``ApiError`` rendered as
``{"error": CODE, "detail": "..."}``; handlers in app.py turn everything else into one.
"""

from __future__ import annotations


class ApiError(Exception):
    status: int = 500
    code: str = "INTERNAL_ERROR"
    default_detail: str = "Unexpected server error"

    def __init__(self, detail: str | None = None, *, headers: dict[str, str] | None = None):
        self.detail = detail or self.default_detail
        self.headers = headers or {}
        super().__init__(self.detail)


class ValidationFailed(ApiError):
    status, code, default_detail = 400, "VALIDATION_ERROR", "Request validation failed"


class NoMasterResume(ApiError):
    status, code = 400, "NO_MASTER_RESUME"
    default_detail = "Tailoring requires a master resume or valid resume_id"


class NoJobDescription(ApiError):
    status, code = 400, "NO_JOB_DESCRIPTION"
    default_detail = "No job description given and none is linked to this resume"


class MissingKey(ApiError):
    status, code, default_detail = 401, "MISSING_KEY", "API key missing"


class InvalidKey(ApiError):
    status, code, default_detail = 401, "INVALID_KEY", "API key invalid or revoked"


class Unauthorized(ApiError):
    status, code, default_detail = 401, "UNAUTHORIZED", "Authentication failed"


class PlanRequired(ApiError):
    status, code, default_detail = (
        403,
        "PLAN_REQUIRED",
        "This endpoint requires a Starter plan or above",
    )


class NotFound(ApiError):
    status, code = 404, "NOT_FOUND"

    def __init__(self, what: str = "resource", **kwargs):
        super().__init__(f"{what[:1].upper()}{what[1:]} not found", **kwargs)


class IdempotencyConflict(ApiError):
    status, code = 409, "IDEMPOTENCY_CONFLICT"
    default_detail = "A request with this Idempotency-Key is still being processed"


class RateLimited(ApiError):
    status, code, default_detail = 429, "RATE_LIMITED", "Request rate limit exceeded"


class LLMProviderFailed(ApiError):
    status, code, default_detail = 502, "LLM_PROVIDER_ERROR", "The model provider failed"


class ServiceUnavailable(ApiError):
    status, code = 503, "INTERNAL_ERROR"


class PdfRenderFailed(ApiError):
    status, code, default_detail = 503, "PDF_RENDER_FAILED", "PDF rendering failed"


class Timeout(ApiError):
    status, code, default_detail = 504, "TIMEOUT", "Tailoring exceeded the hard timeout"
