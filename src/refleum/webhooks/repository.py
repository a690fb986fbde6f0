"""All webhook SQL. Endpoints and the delivery log are org-scoped; the outbox's fan-out and
the delivery queue's claim serve every organization, like the parse queue, and say so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from refleum.events import Event
from refleum.ids import new_id
from refleum.webhooks.models import PENDING, WebhookAttempt, WebhookDelivery, WebhookEndpoint

# Rows looked at per claim or fan-out round.
BATCH = 20


class EndpointRepository:
    def __init__(self, session: AsyncSession, org_id: str):
        self.session = session
        self.org_id = org_id

    async def list(self) -> list[WebhookEndpoint]:
        rows = await self.session.scalars(
            select(WebhookEndpoint)
            .where(WebhookEndpoint.org_id == self.org_id)
            .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)
        )
        return list(rows)

    async def get(self, endpoint_id: str) -> WebhookEndpoint | None:
        return await self.session.scalar(
            select(WebhookEndpoint).where(
                WebhookEndpoint.org_id == self.org_id, WebhookEndpoint.id == endpoint_id
            )
        )

    async def add(self, endpoint: WebhookEndpoint) -> WebhookEndpoint:
        endpoint.org_id = self.org_id
        self.session.add(endpoint)
        await self.session.flush()
        return endpoint

    async def delete(self, endpoint: WebhookEndpoint) -> None:
        await self.session.delete(endpoint)
        await self.session.flush()

    async def deliveries(self, endpoint_id: str, limit: int) -> list[WebhookDelivery]:
        rows = await self.session.scalars(
            select(WebhookDelivery)
            .where(
                WebhookDelivery.org_id == self.org_id, WebhookDelivery.endpoint_id == endpoint_id
            )
            .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
            .limit(limit)
        )
        return list(rows)

    async def delivery(self, endpoint_id: str, delivery_id: str) -> WebhookDelivery | None:
        return await self.session.scalar(
            select(WebhookDelivery).where(
                WebhookDelivery.org_id == self.org_id,
                WebhookDelivery.endpoint_id == endpoint_id,
                WebhookDelivery.id == delivery_id,
            )
        )

    async def attempts(self, delivery_ids: list[str]) -> list[WebhookAttempt]:
        if not delivery_ids:
            return []
        rows = await self.session.scalars(
            select(WebhookAttempt)
            .where(WebhookAttempt.delivery_id.in_(delivery_ids))
            .order_by(WebhookAttempt.attempted_at, WebhookAttempt.id)
        )
        return list(rows)


async def undispatched_events(session: AsyncSession) -> list[Event]:
    """The outbox's oldest pending events, of every organization."""
    rows = await session.scalars(
        select(Event)
        .where(Event.dispatched_at.is_(None))
        .order_by(Event.created_at, Event.id)
        .limit(BATCH)
    )
    return list(rows)


async def take_event(session: AsyncSession, event_id: str, now: datetime) -> bool:
    """Mark one event dispatched; False when another process took it first."""
    result = await session.execute(
        update(Event)
        .where(Event.id == event_id, Event.dispatched_at.is_(None))
        .values(dispatched_at=now)
    )
    return result.rowcount == 1


async def enabled_endpoints(session: AsyncSession, org_id: str) -> list[WebhookEndpoint]:
    rows = await session.scalars(
        select(WebhookEndpoint).where(
            WebhookEndpoint.org_id == org_id, WebhookEndpoint.enabled.is_(True)
        )
    )
    return list(rows)


@dataclass(frozen=True)
class ClaimedDelivery:
    id: str
    org_id: str
    lease_token: datetime


def _due(now: datetime):
    return and_(
        WebhookDelivery.status == PENDING,
        WebhookDelivery.next_attempt_at <= now,
        or_(WebhookDelivery.lease_until.is_(None), WebhookDelivery.lease_until < now),
    )


async def claim_due(
    session: AsyncSession, now: datetime, lease: timedelta
) -> list[ClaimedDelivery]:
    """Lease due deliveries of every organization; a conditional update per row, so two
    processes never hold the same one. The caller commits the claim before sending."""
    candidates = await session.execute(
        select(WebhookDelivery.id, WebhookDelivery.org_id)
        .where(_due(now))
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(BATCH)
    )
    claimed = []
    for delivery_id, org_id in candidates.all():
        lease_until = now + lease
        result = await session.execute(
            update(WebhookDelivery)
            .where(WebhookDelivery.id == delivery_id, _due(now))
            .values(lease_until=lease_until)
        )
        if result.rowcount == 1:
            claimed.append(ClaimedDelivery(delivery_id, org_id, lease_until))
    return claimed


async def leased(session: AsyncSession, claim: ClaimedDelivery) -> WebhookDelivery | None:
    """The delivery, if ``claim`` still holds its lease."""
    return await session.scalar(
        select(WebhookDelivery).where(
            WebhookDelivery.id == claim.id, WebhookDelivery.lease_until == claim.lease_token
        )
    )


def new_attempt_id() -> str:
    return new_id("wha")
