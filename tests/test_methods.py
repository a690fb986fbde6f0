"""OPTIONS and 405 name every method a path really allows (audit #11, finding 12 d)."""

import pytest

ROUTES = {
    "/api/v1/resumes": "GET, POST, OPTIONS",
    "/api/v1/resumes/res_x": "GET, PATCH, DELETE, OPTIONS",
    "/api/v1/resumes/res_x/cover-letters": "GET, POST, OPTIONS",
    "/api/v1/resumes/res_x/outreach/out_x": "GET, DELETE, OPTIONS",
    "/api/v1/llm-config": "GET, PUT, OPTIONS",
    "/api/v1/health": "GET, OPTIONS",
}


@pytest.mark.parametrize(("path", "allow"), ROUTES.items())
async def test_options_lists_the_path_methods(client, path, allow):
    response = await client.options(path)
    assert response.status_code == 204
    assert response.headers["allow"] == allow
    assert response.headers["x-request-id"]


async def test_options_on_an_unknown_path_is_a_404_envelope(client):
    response = await client.options("/api/v1/nope")
    assert response.status_code == 404
    assert response.json()["error"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PUT", "/api/v1/resumes"),
        ("POST", "/api/v1/resumes/res_x"),
        ("DELETE", "/api/v1/llm-config"),
    ],
)
async def test_method_not_allowed_names_every_allowed_method(client, org, method, path):
    response = await client.request(method, path, headers=org.headers)
    assert response.status_code == 405
    assert response.headers["allow"] == ROUTES[path]
    assert response.json()["error"] == "METHOD_NOT_ALLOWED"
    assert ROUTES[path] in response.json()["detail"]


async def test_admin_paths_are_listed_when_the_admin_api_is_on(client):
    response = await client.options("/api/v1/admin/orgs/org_x")
    assert response.headers["allow"] == "PATCH, OPTIONS"
