"""The baseline for API benchmarks: a bare FastAPI endpoint, served the same way.

With REFLEUM_BENCH_BODY_FILE set it answers that file's bytes, so it sends exactly what
the endpoint it is compared with sends (bench_api); without it, a small JSON document.
"""

import os
from pathlib import Path

from fastapi import FastAPI, Response


def create_app() -> FastAPI:
    app = FastAPI()
    body_file = os.environ.get("REFLEUM_BENCH_BODY_FILE")
    body = Path(body_file).read_bytes() if body_file else None

    @app.get("/item/{id}")
    async def item(id: str):
        if body is not None:
            return Response(body, media_type="application/json")
        return {"data": {"id": id}}

    return app
