"""The baseline for API benchmarks: a bare FastAPI endpoint, served the same way."""

from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/item/{id}")
    async def item(id: str) -> dict:
        return {"data": {"id": id}}

    return app
