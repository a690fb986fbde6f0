"""What the OpenAPI document says about webhook endpoints and their deliveries."""

from __future__ import annotations

from refleum.envelopes import OperationDoc

ENDPOINT = {
    "id": "whk_01jz8k2m4q7r9t1v3w5x7y9a2b",
    "url": "https://ats.example.com/hooks/refleum",
    "description": "ATS sync",
    "events": ["resume.parsed", "tailor.completed"],
    "enabled": True,
    "created_at": "2026-11-29T09:20:41.004000Z",
    "updated_at": "2026-11-29T09:20:41.004000Z",
}
DELIVERY = {
    "id": "whd_01jz8k9c3d5f7g9h1j3k5m7n9p",
    "message_id": "msg_01jz8k9c3d5f7g9h1j3k5m7n9q",
    "event_type": "resume.parsed",
    "status": "delivered",
    "attempts": 1,
    "next_attempt_at": None,
    "last_status_code": 200,
    "created_at": "2026-11-29T09:21:02.118000Z",
    "log": [
        {
            "attempted_at": "2026-11-29T09:21:02.514000Z",
            "status_code": 200,
            "error": None,
            "duration_ms": 87,
        }
    ],
}

OPERATIONS = {
    "createWebhook": OperationDoc(
        "Create a webhook endpoint",
        "Registers a URL for the given event types (`resume.parsed`, `resume.failed`, "
        "`tailor.completed`, `tailor.failed`, `letter.generated`). Deliveries are signed "
        "per Standard Webhooks; the response carries the signing secret (`whsec_…`) once "
        "and it is never shown again. A private, loopback or metadata address, or plain "
        "http, is refused with VALIDATION_ERROR.",
        request_example={
            "url": ENDPOINT["url"],
            "events": ENDPOINT["events"],
            "description": "ATS sync",
        },
        response_example={"data": {**ENDPOINT, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}},
    ),
    "listWebhooks": OperationDoc(
        "List webhook endpoints",
        "Every endpoint of the organization, oldest first; secrets are never listed.",
        response_example={"data": [ENDPOINT]},
    ),
    "getWebhook": OperationDoc(
        "Get a webhook endpoint",
        "One endpoint of the organization: its URL, events and whether it is enabled, "
        "without its secret (shown only when the endpoint was created).",
        response_example={"data": ENDPOINT},
    ),
    "updateWebhook": OperationDoc(
        "Change a webhook endpoint",
        "Change its URL, events or description, or enable/disable it (a disabled endpoint "
        "gets no new deliveries). Omitted fields stay as they are.",
        request_example={"enabled": False},
        response_example={"data": {**ENDPOINT, "enabled": False}},
    ),
    "deleteWebhook": OperationDoc(
        "Delete a webhook endpoint",
        "Deletes the endpoint, its pending deliveries and its delivery log.",
        response_example={"data": {"webhook_id": ENDPOINT["id"], "deleted": True}},
    ),
    "listWebhookDeliveries": OperationDoc(
        "The delivery log of an endpoint",
        "Its 50 newest deliveries, newest first, each with every attempt's status code or "
        "error and duration. Failed attempts are retried with backoff for 24 hours.",
        response_example={"data": [DELIVERY]},
    ),
    "redeliverWebhook": OperationDoc(
        "Send a delivery again",
        "Queues the same message (same webhook-id and body, freshly signed) for one more "
        "attempt now, whatever its status.",
        response_example={"data": {**DELIVERY, "status": "pending"}},
    ),
    "testWebhook": OperationDoc(
        "Send a test event",
        "Queues a `webhook.test` event to this endpoint alone, to check the receiver and "
        "its signature verification.",
        response_example={"data": {**DELIVERY, "event_type": "webhook.test", "status": "pending"}},
    ),
}
