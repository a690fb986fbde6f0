"""Failed sign-ins are counted per account and per client address, over 15 minutes.

Past either limit every further attempt is refused before the password is checked, for
known and unknown addresses alike, so the answer says nothing about who has an account.
Counts live in memory, or in Redis when REFLEUM_REDIS_URL is set (then they hold across
processes). If Redis cannot be reached the throttle fails open: sign-in keeps working and
the outage is logged once.
"""

from __future__ import annotations

import logging

from fastapi import Request
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from limits.limits import RateLimitItem, RateLimitItemPerMinute
from redis.exceptions import RedisError

from refleum.config import Settings
from refleum.limits.rate_limiter import close_storage, redis_storage

log = logging.getLogger("refleum.web.throttle")

WINDOW_MINUTES = 15
PER_ACCOUNT = RateLimitItemPerMinute(5, WINDOW_MINUTES, namespace="signin-account")
PER_ADDRESS = RateLimitItemPerMinute(30, WINDOW_MINUTES, namespace="signin-address")
# Sign-ups create organizations: every attempt counts, per client address.
SIGNUPS_PER_ADDRESS = RateLimitItemPerMinute(10, 60, namespace="signup-address")


class SignInThrottle:
    def __init__(
        self,
        storage: Storage,
        *,
        per_account: RateLimitItem = PER_ACCOUNT,
        per_address: RateLimitItem = PER_ADDRESS,
        signups: RateLimitItem = SIGNUPS_PER_ADDRESS,
    ):
        self.storage = storage
        self.window = MovingWindowRateLimiter(storage)
        self.per_account = per_account
        self.per_address = per_address
        self.signups = signups
        self._outage = False

    @classmethod
    def from_settings(cls, settings: Settings) -> SignInThrottle:
        return cls(redis_storage(settings) if settings.redis_url else MemoryStorage())

    async def allows(self, email: str, address: str) -> bool:
        """False once either the account or the address has used up its failures."""
        try:
            account_ok = await self.window.test(self.per_account, email)
            address_ok = await self.window.test(self.per_address, address)
        except (StorageError, RedisError, OSError) as exc:
            self._unreachable(exc)
            return True
        if self._outage:
            log.warning("sign-in throttle storage reachable again; counting failures")
            self._outage = False
        return account_ok and address_ok

    async def failed(self, email: str, address: str) -> None:
        try:
            await self.window.hit(self.per_account, email)
            await self.window.hit(self.per_address, address)
        except (StorageError, RedisError, OSError) as exc:
            self._unreachable(exc)

    async def sign_up_attempt(self, address: str) -> bool:
        """Counts one sign-up attempt; False past the address's hourly allowance."""
        try:
            return await self.window.hit(self.signups, address)
        except (StorageError, RedisError, OSError) as exc:
            self._unreachable(exc)
            return True

    async def close(self) -> None:
        await close_storage(self.storage)

    def _unreachable(self, exc: Exception) -> None:
        if not self._outage:
            log.warning("sign-in throttle storage unreachable (%s); failing open", exc)
            self._outage = True


def throttle_of(request: Request) -> SignInThrottle:
    """The app's throttle, made in its lifespan (app.py), which also closes it."""
    return request.app.state.signin_throttle
