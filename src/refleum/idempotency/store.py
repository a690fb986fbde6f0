"""The records' SQL. Each step commits its own short transaction: a claim must be seen by
every other process at once, and must outlive the request's own rollback."""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import and_, delete, or_, update
from sqlalchemy.exc import IntegrityError

from refleum.db import Database, utcnow
from refleum.idempotency.models import COMPLETE, IN_PROGRESS, IdempotencyRecord

log = logging.getLogger("refleum.idempotency")

RETENTION = timedelta(hours=24)
PURGE_EVERY_S = 60.0
_last_purge: dict[str, float] = {}


@dataclass
class Claim:
    """This request owns the key until it finishes (stores its response) or releases it."""

    db: Database
    org_id: str
    key: str
    token: str
    done: bool = field(default=False)

    async def finish(self, status: int, headers: list[list[str]], body: bytes) -> None:
        self.done = True
        async with self.db.sessions() as session:
            await session.execute(
                update(IdempotencyRecord)
                .where(*self._mine())
                .values(
                    status=COMPLETE,
                    response_status=status,
                    response_headers=headers,
                    response_body=body,
                )
            )
            await session.commit()

    async def release(self) -> None:
        self.done = True
        async with self.db.sessions() as session:
            await session.execute(delete(IdempotencyRecord).where(*self._mine()))
            await session.commit()

    def _mine(self):
        return (
            IdempotencyRecord.org_id == self.org_id,
            IdempotencyRecord.key == self.key,
            IdempotencyRecord.token == self.token,
            IdempotencyRecord.status == IN_PROGRESS,
        )


async def claim(
    db: Database, org_id: str, key: str, fingerprint: str, *, lease: timedelta
) -> Claim | IdempotencyRecord:
    """Claims ``key`` for this request, or returns the record that holds it already."""
    await _purge_now_and_then(db)
    for _ in range(3):
        now = utcnow()
        token = secrets.token_hex(16)
        async with db.sessions() as session:
            # An expired record, or a claim whose process died past its lease, frees the key.
            await session.execute(
                delete(IdempotencyRecord).where(
                    IdempotencyRecord.org_id == org_id,
                    IdempotencyRecord.key == key,
                    or_(
                        IdempotencyRecord.expires_at <= now,
                        and_(
                            IdempotencyRecord.status == IN_PROGRESS,
                            IdempotencyRecord.locked_until <= now,
                        ),
                    ),
                )
            )
            session.add(
                IdempotencyRecord(
                    org_id=org_id,
                    key=key,
                    fingerprint=fingerprint,
                    token=token,
                    status=IN_PROGRESS,
                    created_at=now,
                    locked_until=now + lease,
                    expires_at=now + RETENTION,
                )
            )
            try:
                await session.commit()
                return Claim(db, org_id, key, token)
            except IntegrityError:
                await session.rollback()
            held = await session.get(IdempotencyRecord, (org_id, key))
            if held is not None:
                return held
        # Released between our insert and our read: try again.
    raise RuntimeError("idempotency key kept changing hands")


async def purge_expired(db: Database) -> int:
    async with db.sessions() as session:
        result = await session.execute(
            delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= utcnow())
        )
        await session.commit()
    return result.rowcount or 0


async def _purge_now_and_then(db: Database) -> None:
    """Expired records go lazily: at most once a minute per process and database."""
    now = time.monotonic()
    if now - _last_purge.get(db.url, -PURGE_EVERY_S) < PURGE_EVERY_S:
        return
    _last_purge[db.url] = now
    try:
        await purge_expired(db)
    except Exception:
        log.exception("purging expired idempotency records failed")
