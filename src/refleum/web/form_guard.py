"""CSRF for the forms of someone not signed in yet: sign-in, sign-up, a sign-in link.

Without a session there is no synchronizer token, so these forms use a double-submit
cookie: the browser holds a random secret in an HttpOnly cookie, and each form carries an
HMAC of it and the form's purpose (for a link form, the link itself). Another site can
make a browser post, but cannot read the cookie, so it cannot write the field: nobody
can be signed in to an attacker's account, or set a password on an attacker's link,
without meaning to.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from refleum.config import Settings

COOKIE_NAME = "refleum_form"
FIELD = "csrf_token"
COOKIE_MAX_AGE = 12 * 3600
EXPIRED = "This form has expired or did not come from this site. Reload the page and try again."


def secure_cookies(settings: Settings) -> bool:
    return (settings.public_base_url or "").startswith("https://")


class FormGuard:
    """The token of one anonymous form; ``attach`` sets the cookie if it was new."""

    def __init__(self, request: Request, purpose: str):
        existing = request.cookies.get(COOKIE_NAME)
        self._new = not existing
        self._secret = existing or secrets.token_urlsafe(32)
        self.purpose = purpose

    @property
    def token(self) -> str:
        return _sign(self._secret, self.purpose)

    def attach(self, response: Response, settings: Settings) -> Response:
        if self._new:
            response.set_cookie(
                COOKIE_NAME,
                self._secret,
                max_age=COOKIE_MAX_AGE,
                path="/",
                httponly=True,
                samesite="lax",
                secure=secure_cookies(settings),
            )
        return response


def check(request: Request, sent: object, purpose: str) -> bool:
    secret = request.cookies.get(COOKIE_NAME)
    if not secret or not isinstance(sent, str) or not sent:
        return False
    return hmac.compare_digest(sent, _sign(secret, purpose))


def _sign(secret: str, purpose: str) -> str:
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()
