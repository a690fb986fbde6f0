import logging

from fastapi import APIRouter

RESUMES = "/api/v1/resumes"


def assert_envelope(response, status: int, code: str) -> dict:
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error", "detail"}
    assert body["error"] == code
    assert response.headers["x-request-id"]
    return body


async def test_unknown_route(client):
    assert_envelope(await client.get("/api/v1/nope"), 404, "NOT_FOUND")


async def test_method_not_allowed(client, org):
    assert_envelope(await client.put(RESUMES, headers=org.headers), 405, "METHOD_NOT_ALLOWED")


async def test_malformed_json(client, org):
    response = await client.patch(
        f"{RESUMES}/res_x",
        headers={**org.headers, "content-type": "application/json"},
        content=b'{"title": ',
    )
    body = assert_envelope(response, 400, "VALIDATION_ERROR")
    assert "JSON" in body["detail"]


async def test_wrong_type_and_unknown_field_name_the_field(client, org):
    response = await client.patch(f"{RESUMES}/res_x", headers=org.headers, json={"surprise": True})
    assert "surprise" in assert_envelope(response, 400, "VALIDATION_ERROR")["detail"]


async def test_oversized_json_body(client, org):
    response = await client.patch(
        f"{RESUMES}/res_x", headers=org.headers, json={"title": "x" * (2 * 1024 * 1024)}
    )
    assert "limit" in assert_envelope(response, 400, "VALIDATION_ERROR")["detail"]


async def test_unhandled_exception_is_a_500_envelope_without_internals(app, client, caplog):
    router = APIRouter()

    @router.get("/api/v1/boom")
    async def boom():
        raise RuntimeError("secret internal detail")

    app.include_router(router)
    with caplog.at_level(logging.ERROR):
        response = await client.get("/api/v1/boom", headers={"X-Request-ID": "req-123"})
    body = assert_envelope(response, 500, "INTERNAL_ERROR")
    assert "secret" not in response.text and "Traceback" not in response.text
    assert response.headers["x-request-id"] == "req-123"
    assert body["detail"] == "Unexpected server error"
    assert any("req-123" in r.getMessage() for r in caplog.records)


async def test_request_id_is_echoed_when_sane_and_generated_otherwise(client):
    sane = await client.get("/api/v1/health", headers={"X-Request-ID": "abc-123"})
    assert sane.headers["x-request-id"] == "abc-123"
    insane = await client.get("/api/v1/health", headers={"X-Request-ID": "bad id\twith junk"})
    assert insane.headers["x-request-id"] != "bad id\twith junk"
    assert len(insane.headers["x-request-id"]) == 32


async def test_access_log_has_one_line_per_request_and_never_the_key(client, org, caplog):
    with caplog.at_level(logging.INFO, logger="refleum.access"):
        await client.get(RESUMES, headers={**org.headers, "X-Request-ID": "log-1"})
    lines = [r.getMessage() for r in caplog.records if r.name == "refleum.access"]
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith("GET /api/v1/resumes 200 ")
    assert f"org={org.org_id}" in line and "request_id=log-1" in line
    assert org.key not in line and org.key[8:20] not in line
