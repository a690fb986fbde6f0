"""Puts X-RateLimit-* on every counted response, errors included.

Set around the app rather than by each endpoint because the figures must also reach
responses made by error handlers (a 404 or 400 after authentication) and the envelope of an
unhandled 500: ``rate_limit_headers`` is the ``response_headers`` of the request-context
middleware (middleware.py), applied when any answer starts.
The figures are the organization's (or, on public endpoints, the address's public window)
when the request got that far, else those of the per-address window every request passes.
"""

from __future__ import annotations

from typing import Any

from refleum.limits.address_limit import ADDRESS_STATE_KEY
from refleum.limits.enforce import STATE_KEY


def rate_limit_headers(state: dict[str, Any]) -> dict[str, str] | None:
    """The X-RateLimit-* headers of the last window this request was counted in, if any."""
    status = state.get(STATE_KEY) or state.get(ADDRESS_STATE_KEY)
    return None if status is None else status.headers()
