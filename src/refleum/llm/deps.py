"""The server's secret box (provider keys at rest) as an endpoint dependency."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from refleum.llm.secrets import SecretBox


def _secrets(request: Request) -> SecretBox:
    return request.app.state.secrets


SecretsDep = Annotated[SecretBox, Depends(_secrets)]
