"""Jinja2 pages: one base layout, autoescaped, with the headers every page sends."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from refleum.web.sessions import SignedIn

WEB_DIR = Path(__file__).parent
templates = Jinja2Templates(directory=WEB_DIR / "templates")

# Pages load scripts, styles and images from this origin only (everything is vendored),
# and are never framed by another site.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def render(
    request: Request,
    template: str,
    signed_in: SignedIn | None = None,
    *,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A page; ``signed_in`` gives the layout its navigation and forms their CSRF token."""
    context |= {
        "signed_in": signed_in,
        "csrf_token": signed_in.csrf_token if signed_in else None,
    }
    return templates.TemplateResponse(
        request, template, context, status_code=status_code, headers=PAGE_HEADERS
    )
