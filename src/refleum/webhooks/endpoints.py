"""/api/v1/webhooks: endpoints of the key's organization and their delivery log."""

from __future__ import annotations

from fastapi import APIRouter

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.envelopes import Envelope
from refleum.llm.deps import SecretsDep
from refleum.orgs.deps import CurrentOrg
from refleum.webhooks import service
from refleum.webhooks.schemas import (
    DeliveryOut,
    WebhookCreate,
    WebhookCreated,
    WebhookDeleted,
    WebhookOut,
    WebhookUpdate,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])
ITEM = "/{webhook_id}"


@router.post(
    "",
    status_code=201,
    operation_id="createWebhook",
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
)
async def list_webhooks(org: CurrentOrg, session: SessionDep) -> Envelope[list[WebhookOut]]:
    endpoints = await service.list_endpoints(session, org.id)
    return Envelope(data=[WebhookOut.of(e) for e in endpoints])


@router.get(ITEM, operation_id="getWebhook")
async def get_webhook(
    webhook_id: str, org: CurrentOrg, session: SessionDep
) -> Envelope[WebhookOut]:
    return Envelope(data=WebhookOut.of(await service.get_endpoint(session, org.id, webhook_id)))


@router.patch(
    ITEM,
    operation_id="updateWebhook",
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
)
async def delete_webhook(
    webhook_id: str, org: CurrentOrg, session: SessionDep
) -> Envelope[WebhookDeleted]:
    await service.delete_endpoint(session, org.id, webhook_id)
    return Envelope(data=WebhookDeleted(webhook_id=webhook_id, deleted=True))


@router.get(
    f"{ITEM}/deliveries",
    operation_id="listWebhookDeliveries",
)
async def list_deliveries(
    webhook_id: str, org: CurrentOrg, session: SessionDep
) -> Envelope[list[DeliveryOut]]:
    return Envelope(data=await service.delivery_log(session, org.id, webhook_id))


@router.post(
    f"{ITEM}/deliveries/{{delivery_id}}/redeliver",
    status_code=202,
    operation_id="redeliverWebhook",
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
)
async def test_webhook(
    webhook_id: str, org: CurrentOrg, session: SessionDep
) -> Envelope[DeliveryOut]:
    delivery = await service.send_test(session, org.id, webhook_id)
    return Envelope(data=DeliveryOut.of(delivery, []))
