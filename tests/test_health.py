import httpx

from refleum.app import create_app
from refleum.config import Settings


async def test_health_ok(client):
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"data": {"status": "ok", "db": "ok"}}


async def test_health_503_when_database_unreachable(tmp_path):
    # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    settings = Settings(
        database_url="postgresql+psycopg://127.0.0.1:9/nowhere?connect_timeout=2", data_dir=tmp_path
    )
    app = create_app(settings, run_jobs=False)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            response = await http.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json() == {"error": "INTERNAL_ERROR", "detail": "Database unreachable"}
