"""CORS from REFLEUM_CORS_ORIGINS: off by default, preflights answered for allowed origins."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ADMIN_TOKEN

from refleum.config import Settings

APP = "https://app.example.com"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return Settings(
        database_url=db_url,
        data_dir=tmp_path,
        admin_token=ADMIN_TOKEN,
        cors_origins=f" {APP}/ , http://localhost:5173",
    )


def preflight(client, path: str, method: str, origin: str = APP, headers: str = ""):
    request_headers = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        request_headers["Access-Control-Request-Headers"] = headers
    return client.options(path, headers=request_headers)


@pytest.mark.parametrize(
    ("path", "method", "headers"),
    [
        ("/api/v1/resumes", "POST", "authorization, content-type"),
        ("/api/v1/resumes/res_x/tailor", "POST", "x-api-key, content-type, prefer"),
    ],
)
async def test_a_preflight_from_an_allowed_origin_is_answered(client, path, method, headers):
    response = await preflight(client, path, method, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["access-control-allow-origin"] == APP
    assert method in response.headers["access-control-allow-methods"]
    allowed = response.headers["access-control-allow-headers"].lower()
    for header in headers.split(", "):
        assert header in allowed
    assert "access-control-allow-credentials" not in response.headers


async def test_a_preflight_from_another_origin_is_refused(client):
    response = await preflight(client, "/api/v1/resumes", "POST", origin="https://evil.example")
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_answers_to_an_allowed_origin_expose_the_limit_and_request_headers(client, org):
    response = await client.get("/api/v1/resumes", headers={**org.headers, "Origin": APP})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == APP
    exposed = response.headers["access-control-expose-headers"].lower()
    for header in ("x-ratelimit-remaining", "x-request-id", "retry-after", "location"):
        assert header in exposed
    assert "x-ratelimit-remaining" in response.headers


async def test_an_error_answer_carries_the_cors_headers_too(client):
    response = await client.get("/api/v1/resumes", headers={"Origin": APP})
    assert response.status_code == 401
    assert response.headers["access-control-allow-origin"] == APP


async def test_another_origin_gets_no_cors_headers(client, org):
    response = await client.get(
        "/api/v1/resumes", headers={**org.headers, "Origin": "https://evil.example"}
    )
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


async def test_plain_options_still_lists_the_methods(client):
    response = await client.options("/api/v1/resumes")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, POST, OPTIONS"
