"""The process's render pool as an endpoint dependency (created by the app's lifespan)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from refleum.documents.render.pool import RenderPool


def _render_pool(request: Request) -> RenderPool:
    return request.app.state.render_pool


RenderPoolDep = Annotated[RenderPool, Depends(_render_pool)]
