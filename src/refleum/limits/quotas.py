"""Monthly tailor quota: reserve before the work, count it only when the work succeeds.

A reservation is its own short transaction on its own session, independent of the
request's, so it is visible to every concurrent request (and process) the moment it is
taken: one atomic conditional UPDATE, so concurrent callers can never pass the quota.
Ending it comes in two forms:
- ``reserve_tailor_call``: a context manager whose end (count or release) is its own
  transaction too, for work that writes nothing else;
- ``reserve_tailor_slot`` + ``count_tailor_call``: for a request, whose session counts
  the call in the same transaction as the work it paid for (so "stored" and "counted"
  commit together), and gives the slot back if that session rolls back instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from refleum.db import Database, on_rollback, utcnow
from refleum.errors import RateLimited
from refleum.limits.gating import Feature, ensure_plan_allows
from refleum.limits.models import UsageCounter
from refleum.limits.months import month_key, next_month_start, seconds_until_next_month
from refleum.limits.repository import UsageRepository
from refleum.orgs.models import Organization
from refleum.orgs.plans import monthly_tailor_quota

# Longer than the default hard timeout (240 s) with room to write the result.
DEFAULT_LEASE_S = 600.0


@dataclass(frozen=True)
class TailorReservation:
    org_id: str
    month: str  # the month charged, even if the call ends after it turns
    quota: int | None


async def _in_transaction(
    db: Database, org_id: str, work: Callable[[UsageRepository], Awaitable[bool | None]]
):
    async with db.sessions() as session:
        result = await work(UsageRepository(session, org_id))
        await session.commit()
        return result


async def _reserve(
    repo: UsageRepository, month: str, quota: int | None, now: datetime, lease_s: float
) -> bool:
    await repo.ensure_row(month)
    return await repo.reserve_tailor(month, quota, now, now + timedelta(seconds=lease_s))


def _quota_exhausted(quota: int | None, month: str, now: datetime) -> RateLimited:
    resets = next_month_start(now).strftime("%Y-%m-%dT%H:%M:%SZ")
    return RateLimited(
        f"Monthly quota of {quota} tailor calls used up for {month}; it resets at {resets}",
        headers={"Retry-After": str(seconds_until_next_month(now))},
    )


@asynccontextmanager
async def reserve_tailor_call(
    db: Database,
    org: Organization,
    *,
    now: datetime | None = None,
    lease_s: float = DEFAULT_LEASE_S,
) -> AsyncIterator[TailorReservation]:
    """Holds one slot of the org's monthly quota for the duration of a tailor call.

    Raises PlanRequired for a plan without tailoring (checked first: it wins over the
    quota), RateLimited (429, Retry-After until the month turns) when the quota is used
    up. Normal exit counts the call; any exception, cancellation included, releases it.
    ``lease_s`` must exceed the hard timeout: past it, a slot still held is taken to belong
    to a process that died mid-call and is reclaimed.
    """
    ensure_plan_allows(org, Feature.TAILOR)
    now = (now or utcnow()).astimezone(UTC)
    month, quota = month_key(now), monthly_tailor_quota(org)
    reserved = await _in_transaction(
        db, org.id, lambda repo: _reserve(repo, month, quota, now, lease_s)
    )
    if not reserved:
        raise _quota_exhausted(quota, month, now)
    try:
        yield TailorReservation(org.id, month, quota)
    except BaseException:
        # Shielded: a cancelled request must still give its slot back.
        await asyncio.shield(_in_transaction(db, org.id, lambda repo: repo.release_tailor(month)))
        raise
    await _in_transaction(db, org.id, lambda repo: repo.commit_tailor(month))


async def reserve_tailor_slot(
    db: Database,
    session: AsyncSession,
    org: Organization,
    *,
    now: datetime | None = None,
    lease_s: float = DEFAULT_LEASE_S,
) -> TailorReservation:
    """Takes one slot now (own transaction, through ``db``) for work done in ``session``.

    Call it before ``session`` writes anything: on SQLite a session holding the write
    lock would lock this reservation (and the release) out. The work then ends with
    ``count_tailor_call(session, reservation)``, its last write; if ``session`` rolls back
    instead (any failure, a failed commit or a cancelled request included), the slot is
    given back. Raises like ``reserve_tailor_call``.
    """
    ensure_plan_allows(org, Feature.TAILOR)
    now = (now or utcnow()).astimezone(UTC)
    month, quota = month_key(now), monthly_tailor_quota(org)
    reserved = await _in_transaction(
        db, org.id, lambda repo: _reserve(repo, month, quota, now, lease_s)
    )
    if not reserved:
        raise _quota_exhausted(quota, month, now)
    # Plain values only: after a rollback the session's objects (org) can no longer load.
    reservation = TailorReservation(org.id, month, quota)
    hold_reservation(db, session, reservation)
    return reservation


def hold_reservation(db: Database, session: AsyncSession, reservation: TailorReservation) -> None:
    """Ties a reservation taken earlier (an async request's, taken when it was accepted)
    to ``session``: given back if it rolls back, counted by ``count_tailor_call``."""
    org_id, month = reservation.org_id, reservation.month
    on_rollback(
        session, lambda: _in_transaction(db, org_id, lambda repo: repo.release_tailor(month))
    )


async def release_tailor_slot(db: Database, reservation: TailorReservation) -> None:
    """Gives a held slot back in its own transaction (an async job that will never run)."""
    month = reservation.month
    await _in_transaction(db, reservation.org_id, lambda repo: repo.release_tailor(month))


async def count_tailor_call(session: AsyncSession, reservation: TailorReservation) -> None:
    """Turns the reservation into a use, as a write of ``session``: it commits with the
    work or not at all. (-1 reserved, +1 used: the quota's sum never moves, so concurrent
    reservations are unaffected; on PostgreSQL they wait only for this row's commit.)"""
    await UsageRepository(session, reservation.org_id).commit_tailor(reservation.month)


async def usage_this_month(
    session: AsyncSession, org_id: str, now: datetime | None = None
) -> tuple[str, UsageCounter]:
    month = month_key(now or utcnow())
    counter = await UsageRepository(session, org_id).get(month)
    empty = UsageCounter(
        org_id=org_id,
        month=month,
        tailor_used=0,
        tailor_reserved=0,
        tailor_reserved_until=None,
        llm_calls=0,
        input_tokens=0,
        output_tokens=0,
    )
    return month, counter or empty
