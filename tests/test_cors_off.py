"""Without REFLEUM_CORS_ORIGINS there is no CORS: a preflight is a plain OPTIONS."""

from __future__ import annotations


async def test_cors_is_off_by_default(client, org):
    response = await client.options(
        "/api/v1/resumes",
        headers={"Origin": "https://app.example.com", "Access-Control-Request-Method": "POST"},
    )
    assert response.status_code == 204  # methods.py's answer, never a 405
    assert "access-control-allow-origin" not in response.headers
    answer = await client.get(
        "/api/v1/resumes", headers={**org.headers, "Origin": "https://app.example.com"}
    )
    assert "access-control-allow-origin" not in answer.headers
