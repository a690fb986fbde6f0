"""Request and response bodies of /api/v1/webhooks."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from refleum.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint

EventType = Literal[
    "resume.parsed", "resume.failed", "tailor.completed", "tailor.failed", "letter.generated"
]
EXAMPLE_URL = "https://hooks.example.com/refleum"


class WebhookCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": EXAMPLE_URL,
                    "events": ["resume.parsed", "tailor.completed"],
                    "description": "ATS sync",
                }
            ]
        },
    )

    url: str = Field(
        min_length=1,
        max_length=2048,
        description="https URL that receives a POST per event. Private, loopback and "
        "metadata addresses are refused (the same policy as model endpoints).",
    )
    events: list[EventType] = Field(
        min_length=1, max_length=5, description="The event types sent to this endpoint."
    )
    description: str = Field(default="", max_length=500)


class WebhookUpdate(BaseModel):
    """Every field optional; what is given replaces the stored value."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": False}]})

    url: str | None = Field(default=None, min_length=1, max_length=2048)
    events: list[EventType] | None = Field(default=None, min_length=1, max_length=5)
    description: str | None = Field(default=None, max_length=500)
    enabled: bool | None = Field(default=None, description="false stops deliveries.")


class WebhookOut(BaseModel):
    id: str
    url: str
    description: str
    events: list[str]
    enabled: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, endpoint: WebhookEndpoint) -> WebhookOut:
        return cls(
            id=endpoint.id,
            url=endpoint.url,
            description=endpoint.description,
            events=list(endpoint.events),
            enabled=endpoint.enabled,
            created_at=endpoint.created_at,
            updated_at=endpoint.updated_at,
        )


class WebhookCreated(WebhookOut):
    secret: str = Field(
        description="The signing secret (whsec_…), shown only in this response: store it."
    )


class WebhookDeleted(BaseModel):
    webhook_id: str
    deleted: bool


class AttemptOut(BaseModel):
    attempted_at: datetime
    status_code: int | None = Field(description="The receiver's HTTP status, if it answered.")
    error: str | None = Field(description="Why no status came back (timeout, refused, …).")
    duration_ms: int


class DeliveryOut(BaseModel):
    id: str
    message_id: str = Field(description="The webhook-id header; the same on every attempt.")
    event_type: str
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    next_attempt_at: datetime | None
    last_status_code: int | None
    created_at: datetime
    log: list[AttemptOut] = Field(description="Every attempt, oldest first.")

    @classmethod
    def of(cls, delivery: WebhookDelivery, attempts: list[WebhookAttempt]) -> DeliveryOut:
        return cls(
            id=delivery.id,
            message_id=delivery.message_id,
            event_type=delivery.event_type,
            status=delivery.status,  # type: ignore[arg-type]
            attempts=delivery.attempts,
            next_attempt_at=delivery.next_attempt_at,
            last_status_code=delivery.last_status_code,
            created_at=delivery.created_at,
            log=[
                AttemptOut(
                    attempted_at=a.attempted_at,
                    status_code=a.status_code,
                    error=a.error,
                    duration_ms=a.duration_ms,
                )
                for a in attempts
            ],
        )
