"""Mounts the web side on the app: vendored assets, pages, and how page errors answer."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from refleum.web import (
    docs_pages,
    link_pages,
    members_pages,
    playground,
    sign_in_pages,
    signup_pages,
)
from refleum.web.dashboard import keys, letters, model_settings, overview, resumes, webhooks
from refleum.web.dashboard.pages import PageNotFound, PageNotSaved
from refleum.web.deps import PageForbidden, SignInRequired
from refleum.web.templating import WEB_DIR, render


def install(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="web_static")
    docs_pages.install(app)
    app.include_router(playground.router)
    app.add_exception_handler(SignInRequired, _to_sign_in)
    app.add_exception_handler(PageForbidden, _forbidden_page)
    app.add_exception_handler(PageNotFound, _not_found_page)
    app.add_exception_handler(PageNotSaved, _not_saved_page)
    for page in (overview, keys, resumes, letters, model_settings, webhooks):
        app.include_router(page.router)
    app.include_router(sign_in_pages.router)
    app.include_router(link_pages.router)
    app.include_router(signup_pages.router)
    app.include_router(members_pages.router)


async def _to_sign_in(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInRequired)
    return RedirectResponse(exc.location, status_code=303)


async def _forbidden_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageForbidden)
    return render(
        request,
        "message.html",
        status_code=403,
        heading="Not allowed",
        message=exc.reason,
        back="/dashboard",
    )


async def _not_found_page(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageNotFound)
    return render(
        request,
        "message.html",
        status_code=404,
        heading="Not found",
        message=f"{exc.what}. It may have been deleted, or the link is wrong.",
        back="/dashboard",
    )


async def _not_saved_page(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageNotSaved)
    return exc.response
