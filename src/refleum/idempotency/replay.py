"""A stored response, sent again as it was, marked ``Idempotent-Replayed: true``."""

from __future__ import annotations

from fastapi import FastAPI, Request
from starlette.responses import Response

REPLAYED_HEADER = "Idempotent-Replayed"


class Replay(Exception):
    """Raised by the claim dependency to skip the endpoint and answer from the record.

    Not an ``ApiError``: it is no error, it carries the response to send."""

    def __init__(self, status: int, headers: list[list[str]], body: bytes | None):
        self.status, self.headers, self.body = status, headers, body or b""
        super().__init__(status)


async def _replay(_request: Request, replay: Replay) -> Response:
    response = Response(content=replay.body, status_code=replay.status)
    response.raw_headers = [
        *((name.encode("latin-1"), value.encode("latin-1")) for name, value in replay.headers),
        (REPLAYED_HEADER.lower().encode(), b"true"),
    ]
    return response


def install(app: FastAPI) -> None:
    app.add_exception_handler(Replay, _replay)  # type: ignore[arg-type]
