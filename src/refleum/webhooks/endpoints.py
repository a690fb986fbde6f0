"""/api/v1/webhooks: endpoints of the key's organization and their delivery log."""

from __future__ import annotations

from fastapi import APIRouter

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.envelopes import Envelope, error_responses
from refleum.llm.deps import SecretsDep
from refleum.orgs.deps import CurrentOrg
from refleum.webhooks import service
from refleum.webhooks.schemas import (
    DeliveryOut,
    WebhookCreate,
    WebhookCreated,
    WebhookOut,
    WebhookUpdate,
)

router = APIRouter(
    prefix="/api/v1/webhooks", tags=["webhooks"], responses=error_responses(400, 401, 429)
)
ITEM = "/{webhook_id}"
NOT_FOUND = error_responses(404)


@router.post(
    "",
    status_code=201,
    operation_id="createWebhook",
    summary="Create a webhook endpoint",
    description="Registers a URL for the given event types. The response carries the signing "
    "secret (whsec_…) once; it is never shown again. A private, loopback or metadata "
    "address, or plain http, is refused with VALIDATION_ERROR.",
)
async def create_webhook(
    body: WebhookCreate,
    org: CurrentOrg,
    session: SessionDep,
    settings: SettingsDep,
    secrets: SecretsDep,
) -> Envelope[WebhookCreated]:
    endpoint, secret = await service.create_endpoint(
        session, org.id, body, box=secrets, allow_private=settings.webhook_allow_private
    )
    return Envelope(data=WebhookCreated(**WebhookOut.of(endpoint).model_dump(), secret=secret))


@router.get(
    "",
    operation_id="listWebhooks",
    summary="List webhook endpoints",
    description="Every endpoint of the organization, oldest first; secrets are never listed.",
)
async def list_webhooks(org: CurrentOrg, session: SessionDep) -> Envelope[list[WebhookOut]]:
    endpoints = await service.list_endpoints(session, org.id)
    return Envelope(data=[WebhookOut.of(e) for e in endpoints])


@router.get(ITEM, operation_id="getWebhook", summary="Get a webhook endpoint", responses=NOT_FOUND)
async def get_webhook(
    webhook_id: str, org: CurrentOrg, session: SessionDep
) -> Envelope[WebhookOut]:
    return Envelope(data=WebhookOut.of(await service.get_endpoint(session, org.id, webhook_id)))


@router.patch(
    ITEM,
    operation_id="updateWebhook",
    summary="Change a webhook endpoint",
    description="Change its URL, events or description, or enable/disable it "
    "(a disabled endpoint gets no new deliveries).",
    responses=NOT_FOUND,
)
async def update_webhook(
    webhook_id: str,
    body: WebhookUpdate,
    org: CurrentOrg,
    session: SessionDep,
    settings: SettingsDep,
) -> Envelope[WebhookOut]:
    endpoint = await service.update_endpoint(
        session, org.id, webhook_id, body, allow_private=settings.webhook_allow_private
    )
    return Envelope(data=WebhookOut.of(endpoint))


@router.delete(
    ITEM,
    operation_id="deleteWebhook",
    summary="Delete a webhook endpoint",
    description="Deletes the endpoint, its pending deliveries and its delivery log.",
    responses=NOT_FOUND,
)
async def delete_webhook(webhook_id: str, org: CurrentOrg, session: SessionDep) -> Envelope[dict]:
    await service.delete_endpoint(session, org.id, webhook_id)
    return Envelope(data={"webhook_id": webhook_id, "deleted": True})


@router.get(
    f"{ITEM}/deliveries",
    operation_id="listWebhookDeliveries",
    summary="The delivery log of an endpoint",
    description="Its 50 newest deliveries, newest first, each with every attempt's status "
    "code or error and duration.",
    responses=NOT_FOUND,
)
async def list_deliveries(
    webhook_id: str, org: CurrentOrg, session: SessionDep
) -> Envelope[list[DeliveryOut]]:
    return Envelope(data=await service.delivery_log(session, org.id, webhook_id))


@router.post(
    f"{ITEM}/deliveries/{{delivery_id}}/redeliver",
    status_code=202,
    operation_id="redeliverWebhook",
    summary="Send a delivery again",
    description="Queues the same message (same webhook-id and body, freshly signed) for one "
    "more attempt now, whatever its status.",
    responses=NOT_FOUND,
)
async def redeliver(
    webhook_id: str, delivery_id: str, org: CurrentOrg, session: SessionDep
) -> Envelope[DeliveryOut]:
    delivery = await service.redeliver(session, org.id, webhook_id, delivery_id)
    return Envelope(data=DeliveryOut.of(delivery, []))


@router.post(
    f"{ITEM}/test",
    status_code=202,
    operation_id="testWebhook",
    summary="Send a test event",
    description="Queues a webhook.test event to this endpoint alone.",
    responses=NOT_FOUND,
)
async def test_webhook(
    webhook_id: str, org: CurrentOrg, session: SessionDep
) -> Envelope[DeliveryOut]:
    delivery = await service.send_test(session, org.id, webhook_id)
    return Envelope(data=DeliveryOut.of(delivery, []))
