"""Webhook endpoints of an organization: create (the secret shown once), change, delete,
the delivery log, redelivery and a test ping. Never commits."""

from __future__ import annotations

import base64
import json
import secrets as random
from collections import defaultdict
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import utcnow
from refleum.errors import NotFound, ValidationFailed
from refleum.ids import new_id
from refleum.llm.secrets import SecretBox
from refleum.llm.ssrf import UnsafeApiBase, check_url_form
from refleum.webhooks.models import PENDING, WebhookDelivery, WebhookEndpoint
from refleum.webhooks.repository import EndpointRepository
from refleum.webhooks.schedule import RETRY_WINDOW
from refleum.webhooks.schemas import DeliveryOut, WebhookCreate, WebhookUpdate

SECRET_BYTES = 24
TEST_EVENT = "webhook.test"
DELIVERY_LOG_SIZE = 50


def new_secret() -> str:
    return "whsec_" + base64.b64encode(random.token_bytes(SECRET_BYTES)).decode()


def payload(event_type: str, timestamp: datetime, data: dict) -> str:
    """The body every receiver gets: small (ids and status), signed as these exact bytes."""
    body = {"type": event_type, "timestamp": timestamp.isoformat(), "data": data}
    return json.dumps(body, separators=(",", ":"), sort_keys=True)


def checked_url(url: str, allow_private: bool) -> str:
    """The URL's form against the SSRF policy now; its addresses are checked at each send."""
    try:
        check_url_form(url, allow_private=allow_private)
    except UnsafeApiBase as exc:
        raise ValidationFailed(f"url: {exc.reason.replace('api_base', 'url')}") from None
    return url.strip()


async def create_endpoint(
    session: AsyncSession, org_id: str, body: WebhookCreate, *, box: SecretBox, allow_private: bool
) -> tuple[WebhookEndpoint, str]:
    secret = new_secret()
    now = utcnow()
    endpoint = WebhookEndpoint(
        id=new_id("whk"),
        url=checked_url(body.url, allow_private),
        description=body.description,
        events=sorted(set(body.events)),
        secret_encrypted=box.encrypt(secret),
        enabled=True,
        created_at=now,
        updated_at=now,
    )
    return await EndpointRepository(session, org_id).add(endpoint), secret


async def get_endpoint(session: AsyncSession, org_id: str, endpoint_id: str) -> WebhookEndpoint:
    endpoint = await EndpointRepository(session, org_id).get(endpoint_id)
    if endpoint is None:
        raise NotFound("webhook")
    return endpoint


async def list_endpoints(session: AsyncSession, org_id: str) -> list[WebhookEndpoint]:
    return await EndpointRepository(session, org_id).list()


async def update_endpoint(
    session: AsyncSession,
    org_id: str,
    endpoint_id: str,
    body: WebhookUpdate,
    *,
    allow_private: bool,
) -> WebhookEndpoint:
    endpoint = await get_endpoint(session, org_id, endpoint_id)
    if body.url is not None:
        endpoint.url = checked_url(body.url, allow_private)
    if body.events is not None:
        endpoint.events = sorted(set(body.events))
    if body.description is not None:
        endpoint.description = body.description
    if body.enabled is not None:
        endpoint.enabled = body.enabled
    endpoint.updated_at = utcnow()
    await session.flush()
    return endpoint


async def delete_endpoint(session: AsyncSession, org_id: str, endpoint_id: str) -> None:
    repo = EndpointRepository(session, org_id)
    await repo.delete(await get_endpoint(session, org_id, endpoint_id))


async def delivery_log(session: AsyncSession, org_id: str, endpoint_id: str) -> list[DeliveryOut]:
    await get_endpoint(session, org_id, endpoint_id)
    repo = EndpointRepository(session, org_id)
    deliveries = await repo.deliveries(endpoint_id, DELIVERY_LOG_SIZE)
    by_delivery = defaultdict(list)
    for attempt in await repo.attempts([d.id for d in deliveries]):
        by_delivery[attempt.delivery_id].append(attempt)
    return [DeliveryOut.of(d, by_delivery[d.id]) for d in deliveries]


async def redeliver(
    session: AsyncSession, org_id: str, endpoint_id: str, delivery_id: str
) -> WebhookDelivery:
    """Send the same message (same id and body) once more, now; no automatic retries follow."""
    delivery = await EndpointRepository(session, org_id).delivery(endpoint_id, delivery_id)
    if delivery is None:
        raise NotFound("delivery")
    now = utcnow()
    delivery.status, delivery.next_attempt_at, delivery.updated_at = PENDING, now, now
    delivery.retry_until = now
    await session.flush()
    return delivery


async def send_test(session: AsyncSession, org_id: str, endpoint_id: str) -> WebhookDelivery:
    """A ``webhook.test`` ping to this endpoint alone, retried like any delivery."""
    endpoint = await get_endpoint(session, org_id, endpoint_id)
    now = utcnow()
    data = {"webhook_id": endpoint.id}
    delivery = new_delivery(endpoint, new_id("msg"), TEST_EVENT, now, data, now=now)
    session.add(delivery)
    await session.flush()
    return delivery


def new_delivery(
    endpoint: WebhookEndpoint,
    message_id: str,
    event_type: str,
    created: datetime,
    data: dict,
    *,
    now: datetime,
) -> WebhookDelivery:
    """Due at ``now``; retried until 24 h after the event was ``created``."""
    return WebhookDelivery(
        id=new_id("whd"),
        org_id=endpoint.org_id,
        endpoint_id=endpoint.id,
        message_id=message_id,
        event_type=event_type,
        payload=payload(event_type, created, data),
        status=PENDING,
        attempts=0,
        next_attempt_at=now,
        retry_until=created + RETRY_WINDOW,
        created_at=now,
        updated_at=now,
    )
