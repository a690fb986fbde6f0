"""Mounts the web side on the app: vendored assets, pages, and how page errors answer."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from refleum.web import docs_pages, playground
from refleum.web.deps import PageForbidden, SignInRequired
from refleum.web.templating import WEB_DIR, render


def install(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="web_static")
    docs_pages.install(app)
    app.include_router(playground.router)
    app.add_exception_handler(SignInRequired, _to_sign_in)
    app.add_exception_handler(PageForbidden, _forbidden_page)


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
