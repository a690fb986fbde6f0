"""The API playground: a public page whose script calls /api/v1 with a key the visitor pastes.

The page itself holds no secret and needs no session; a signed-in member just gets the
full navigation. The key lives in the tab's sessionStorage only (playground.js).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from refleum.config import SettingsDep
from refleum.db import SessionDep
from refleum.web.sessions import COOKIE_NAME, find_session
from refleum.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/playground")
async def playground_page(
    request: Request, session: SessionDep, settings: SettingsDep
) -> HTMLResponse:
    token = request.cookies.get(COOKIE_NAME)
    signed_in = await find_session(session, token, settings) if token else None
    return render(
        request,
        "playground.html",
        signed_in,
        active="playground",
        max_upload_bytes=settings.max_upload_bytes,
        max_upload_label=size_label(settings.max_upload_bytes),
    )


def size_label(n_bytes: int) -> str:
    """10485760 -> "10 MB" (binary megabytes, as the upload check counts them)."""
    mb = n_bytes / (1024 * 1024)
    if mb >= 1:
        return f"{mb:g} MB" if mb == int(mb) else f"{mb:.1f} MB"
    return f"{max(1, round(n_bytes / 1024))} KB"
