"""Failed deliveries are retried on the backoff schedule, logged, and given up after 24 h.
The dispatcher's clock is moved instead of waiting."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from tests.tailoring.test_endpoints import ready_resume
from tests.webhooks.conftest import create_hook

from refleum.db import utcnow
from refleum.webhooks.dispatcher import WebhookDispatcher
from refleum.webhooks.schedule import RETRY_DELAYS, RETRY_WINDOW, next_attempt


class Clock:
    def __init__(self):
        self.now = utcnow()

    def __call__(self):
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
async def dispatcher(app, settings):
    clock = Clock()
    dispatcher = WebhookDispatcher(app.state.db, app.state.secrets, settings, clock=clock)
    dispatcher.clock_control = clock
    yield dispatcher
    await dispatcher.stop()


async def deliveries(client, org, hook):
    response = await client.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=org.headers)
    return response.json()["data"]


async def test_a_500_is_retried_with_backoff_then_delivered(client, app, org, receiver, dispatcher):
    clock = dispatcher.clock_control
    receiver.statuses = [500, 503]
    hook = await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)
    await dispatcher.drain()
    [delivery] = await deliveries(client, org, hook)
    assert delivery["status"] == "pending" and delivery["last_status_code"] == 500
    assert len(receiver.received) == 1

    clock.advance(RETRY_DELAYS[0] - timedelta(seconds=1))
    await dispatcher.drain()
    assert len(receiver.received) == 1  # not due yet

    clock.advance(timedelta(seconds=1))
    await dispatcher.drain()
    assert len(receiver.received) == 2
    clock.advance(RETRY_DELAYS[1])
    await dispatcher.drain()
    [delivery] = await deliveries(client, org, hook)
    assert delivery["status"] == "delivered" and delivery["attempts"] == 3
    assert [a["status_code"] for a in delivery["log"]] == [500, 503, 200]
    assert all(a["duration_ms"] >= 0 for a in delivery["log"])
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1


async def test_it_gives_up_after_24_hours(client, app, org, receiver, dispatcher):
    clock = dispatcher.clock_control
    receiver.statuses = [500] * 20
    hook = await create_hook(client, org, receiver.url, ["resume.parsed"])
    await ready_resume(client, app, org)
    for _ in range(20):
        await dispatcher.drain()
        [delivery] = await deliveries(client, org, hook)
        if delivery["next_attempt_at"] is None:
            break
        clock.now = datetime.fromisoformat(delivery["next_attempt_at"])
    assert delivery["status"] == "failed" and delivery["next_attempt_at"] is None
    assert delivery["attempts"] == len(RETRY_DELAYS) + 2
    assert len(receiver.received) == delivery["attempts"]


async def test_a_timeout_is_logged_as_an_error(client, app, org, dispatcher, settings):
    # Nothing listens on this port: the connection is refused and logged, no status code.
    hook = await create_hook(client, org, "http://127.0.0.1:9/closed", ["resume.parsed"])
    await ready_resume(client, app, org)
    await dispatcher.drain()
    [delivery] = await deliveries(client, org, hook)
    [attempt] = delivery["log"]
    assert attempt["status_code"] is None and attempt["error"]


def test_the_schedule_backs_off_and_ends_at_24_hours():
    start = utcnow()
    until = start + RETRY_WINDOW
    now, attempts, times = start, 1, []
    while (when := next_attempt(attempts, now, until)) is not None:
        assert when > now
        times.append(when - start)
        now, attempts = when, attempts + 1
    gaps = [b - a for a, b in zip([timedelta(0), *times], times, strict=False)]
    assert gaps[: len(RETRY_DELAYS)] == list(RETRY_DELAYS)
    assert times[-1] == RETRY_WINDOW
