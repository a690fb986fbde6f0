"""The Refleum Python SDK: sync and async clients on httpx, typed models, errors.

Depends on httpx and pydantic only, never on the rest of `refleum`, so that it ships
alone as the `refleum-client` distribution (clients/python/).
"""

from refleum.client._base import __version__
from refleum.client.aio import AsyncRefleumClient
from refleum.client.errors import (
    APIConnectionError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    ParseFailedError,
    PermissionDeniedError,
    ProviderError,
    RateLimitError,
    RefleumError,
    ServerError,
    TimeoutError,
    WaitTimeoutError,
)
from refleum.client.models import (
    ChangeOut,
    CoverLetter,
    CoverLetterOut,
    Job,
    JobError,
    MonthlyUsage,
    OutreachMessage,
    OutreachOut,
    Page,
    RejectedOut,
    Resume,
    ResumeData,
    ResumeOut,
    ResumeSummary,
    TailorResponse,
    TailorResult,
    Usage,
)
from refleum.client.retries import RetryPolicy
from refleum.client.sync import RefleumClient

__all__ = [
    "APIConnectionError",
    "AsyncRefleumClient",
    "AuthenticationError",
    "BadRequestError",
    "ChangeOut",
    "ConflictError",
    "CoverLetter",
    "CoverLetterOut",
    "Job",
    "JobError",
    "MonthlyUsage",
    "NotFoundError",
    "OutreachMessage",
    "OutreachOut",
    "Page",
    "ParseFailedError",
    "PermissionDeniedError",
    "ProviderError",
    "RateLimitError",
    "RefleumClient",
    "RefleumError",
    "RejectedOut",
    "Resume",
    "ResumeData",
    "ResumeOut",
    "ResumeSummary",
    "RetryPolicy",
    "ServerError",
    "TailorResponse",
    "TailorResult",
    "TimeoutError",
    "Usage",
    "WaitTimeoutError",
    "__version__",
]
