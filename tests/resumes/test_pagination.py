"""Every list endpoint bounds limit and offset, so a huge offset is a 400, not a 500."""

import pytest
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

from refleum.envelopes import MAX_OFFSET

LISTS = ["", "/{id}/cover-letters", "/{id}/outreach"]


async def list_url(client, org, suffix: str) -> str:
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    return "/api/v1/resumes" + suffix.format(id=resume_id)


@pytest.mark.parametrize("suffix", LISTS)
@pytest.mark.parametrize(
    "query",
    [
        {"offset": 2**63},
        {"offset": 2**64 + 5},
        {"offset": MAX_OFFSET + 1},
        {"offset": -1},
        {"limit": 0},
        {"limit": 101},
        {"limit": 2**63},
    ],
)
async def test_out_of_range_page_is_a_validation_error(client, org, suffix, query):
    url = await list_url(client, org, suffix)
    response = await client.get(url, headers=org.headers, params=query)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["error"] == "VALIDATION_ERROR"
    assert next(iter(query)) in body["detail"]


@pytest.mark.parametrize("suffix", LISTS)
async def test_largest_allowed_offset_is_an_empty_page(client, org, suffix):
    url = await list_url(client, org, suffix)
    response = await client.get(url, headers=org.headers, params={"offset": MAX_OFFSET})
    assert response.status_code == 200
    assert response.json()["data"] == []
    assert response.json()["meta"]["offset"] == MAX_OFFSET


async def test_openapi_declares_the_bounds(app):
    for path in ("/api/v1/resumes", "/api/v1/resumes/{id}/cover-letters"):
        params = {p["name"]: p["schema"] for p in app.openapi()["paths"][path]["get"]["parameters"]}
        assert params["offset"]["maximum"] == MAX_OFFSET and params["offset"]["minimum"] == 0
        assert params["limit"]["maximum"] == 100 and params["limit"]["minimum"] == 1
