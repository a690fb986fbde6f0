"""Turns outbox events into deliveries and sends the due ones, signed (Standard Webhooks).

Runs in `refleum serve` (the app's lifespan) and in `refleum worker`; any number of
processes may run it on one database. A fan-out takes an event with a conditional update,
and a send leases its delivery the same way, so two processes never send one attempt
twice. Everything lives in rows, so a restart picks up what was pending. The clock is a
parameter, so tests move through the retry schedule without waiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx2
from standardwebhooks import Webhook

from refleum.config import Settings
from refleum.db import Database, utcnow
from refleum.llm.providers import make_guarded_client
from refleum.llm.secrets import SecretBox
from refleum.llm.ssrf import AsyncResolver, UnsafeApiBase
from refleum.webhooks import repository as queue
from refleum.webhooks.models import DELIVERED, FAILED, WebhookAttempt, WebhookEndpoint
from refleum.webhooks.schedule import next_attempt
from refleum.webhooks.service import new_delivery

log = logging.getLogger("refleum.webhooks")

USER_AGENT = "Refleum-Webhooks/1"
MAX_ERROR = 500


@dataclass(frozen=True)
class Outcome:
    status_code: int | None
    error: str | None
    duration_ms: int
    # No retry: nothing a later attempt could change (the endpoint was disabled or deleted).
    final: bool = False

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookDispatcher:
    def __init__(
        self,
        db: Database,
        box: SecretBox,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        resolver: AsyncResolver | None = None,
    ):
        self.db = db
        self.box = box
        self.clock = clock
        self.poll_s = settings.webhook_poll_s
        # Long enough for a POST at its deadline and the write after it.
        self.lease = timedelta(seconds=settings.webhook_timeout_s + 60)
        self._client = make_guarded_client(
            allow_private=settings.webhook_allow_private,
            resolver=resolver,
            timeout=httpx2.Timeout(settings.webhook_timeout_s),
        )
        self._wake = asyncio.Event()
        self._task: asyncio.Task | None = None

    def wake(self) -> None:
        self._wake.set()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="refleum-webhooks")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._client.aclose()

    async def drain(self) -> None:
        """Fan out and send until nothing is due now (tests and one-shot runs)."""
        while await self.run_once():
            pass

    async def run_once(self) -> int:
        """One round: pending events become deliveries, due deliveries are sent."""
        await self.fan_out()
        async with self.db.sessions() as session:
            claims = await queue.claim_due(session, self.clock(), self.lease)
            await session.commit()
        await asyncio.gather(*(self._deliver(claim) for claim in claims))
        return len(claims)

    async def _loop(self) -> None:
        while True:
            self._wake.clear()
            try:
                sent = await self.run_once()
            except Exception:
                log.exception("webhook round failed; retrying after the poll interval")
                sent = 0
            if sent:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_s)

    async def fan_out(self) -> None:
        """Pending events become deliveries for the matching enabled endpoints."""
        async with self.db.sessions() as session:
            pending = [
                (e.id, e.org_id, e.type, e.created_at, e.data)
                for e in await queue.undispatched_events(session)
            ]
        for event_id, org_id, event_type, created, data in pending:
            async with self.db.sessions() as session:
                now = self.clock()
                if not await queue.take_event(session, event_id, now):
                    continue  # another process fanned it out
                for endpoint in await queue.enabled_endpoints(session, org_id):
                    if event_type in endpoint.events:
                        delivery = new_delivery(
                            endpoint, event_id, event_type, created, data, now=now
                        )
                        session.add(delivery)
                await session.commit()

    async def _deliver(self, claim: queue.ClaimedDelivery) -> None:
        try:
            async with self.db.sessions() as session:
                delivery = await queue.leased(session, claim)
                if delivery is None:
                    return
                endpoint = await session.get(WebhookEndpoint, delivery.endpoint_id)
                target = _Target.of(endpoint, self.box) if endpoint else None
                message_id, body = delivery.message_id, delivery.payload
            if target is None or not target.enabled:
                outcome = Outcome(None, "the endpoint is disabled", 0, final=True)
            else:
                outcome = await self._post(target, message_id, body)
            await self._record(claim, outcome)
        except Exception:
            # The lease runs out and the delivery is tried again.
            log.exception("webhook delivery %s crashed", claim.id)

    async def _post(self, target: _Target, message_id: str, body: str) -> Outcome:
        # Signed with the real time, not the scheduling clock: receivers check it.
        signed_at = utcnow()
        headers = {
            "webhook-id": message_id,
            "webhook-timestamp": str(int(signed_at.timestamp())),
            "webhook-signature": Webhook(target.secret).sign(message_id, signed_at, body),
            "content-type": "application/json",
            "user-agent": USER_AGENT,
        }
        started = time.monotonic()
        try:
            response = await self._client.post(target.url, content=body.encode(), headers=headers)
            await response.aclose()
            return Outcome(response.status_code, None, _ms_since(started))
        except UnsafeApiBase as exc:
            return Outcome(None, f"refused by the SSRF policy: {exc.reason}", _ms_since(started))
        except httpx2.TimeoutException:
            return Outcome(None, "timed out", _ms_since(started))
        except httpx2.HTTPError as exc:
            return Outcome(None, f"{type(exc).__name__}: {exc}"[:MAX_ERROR], _ms_since(started))

    async def _record(self, claim: queue.ClaimedDelivery, outcome: Outcome) -> None:
        now = self.clock()
        async with self.db.sessions() as session:
            delivery = await queue.leased(session, claim)
            if delivery is None:
                return  # the lease ran out and another process owns the delivery now
            session.add(
                WebhookAttempt(
                    id=queue.new_attempt_id(),
                    delivery_id=delivery.id,
                    attempted_at=now,
                    status_code=outcome.status_code,
                    error=outcome.error,
                    duration_ms=outcome.duration_ms,
                )
            )
            delivery.attempts += 1
            delivery.last_status_code = outcome.status_code
            delivery.lease_until = None
            delivery.updated_at = now
            retry_at = None
            if not outcome.delivered and not outcome.final:
                retry_at = next_attempt(delivery.attempts, now, delivery.retry_until)
            delivery.next_attempt_at = retry_at
            if outcome.delivered:
                delivery.status = DELIVERED
            elif retry_at is None:
                delivery.status = FAILED
            await session.commit()


@dataclass(frozen=True)
class _Target:
    url: str
    secret: str
    enabled: bool

    @classmethod
    def of(cls, endpoint: WebhookEndpoint, box: SecretBox) -> _Target:
        return cls(endpoint.url, box.decrypt(endpoint.secret_encrypted), endpoint.enabled)


def _ms_since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)
