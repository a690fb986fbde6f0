"""What every dashboard page shares: its router settings and how a page says 404 or
"not saved"."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from typing import TypeVar

from fastapi import APIRouter
from fastapi.responses import Response

from refleum.errors import NotFound
from refleum.web.templating import templates

T = TypeVar("T")


def page_router() -> APIRouter:
    # Pages are not the API: the OpenAPI schema lists /api/v1 only.
    return APIRouter(prefix="/dashboard", include_in_schema=False)


class PageNotFound(Exception):
    """Unknown here: a made-up id and another organization's id look the same (404 page)."""

    def __init__(self, what: str = "Page not found"):
        self.what = what


class PageNotSaved(Exception):
    """A form the page refuses: the page with its errors, already rendered, answers, and
    the request's transaction rolls back, so nothing of the refused change is stored."""

    def __init__(self, response: Response):
        self.response = response


async def or_404(work: Awaitable[T]) -> T:
    """The domain's NotFound (an API error, answered as JSON) as a page's 404."""
    try:
        return await work
    except NotFound as exc:
        raise PageNotFound(exc.detail) from None


def when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "—"


# Every dashboard template writes a moment the same way.
templates.env.filters["when"] = when
