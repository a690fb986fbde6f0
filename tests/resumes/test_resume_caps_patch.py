"""PATCH /resumes/{id} refuses a resume over a size cap, naming it, and keeps what was stored."""

from __future__ import annotations

import pytest
from tests.letters.samples import RESUME, ready_resume

from refleum.resume_caps import (
    MAX_BULLETS,
    MAX_CUSTOM_SECTIONS,
    MAX_ENTRIES,
    MAX_LIST_ITEMS,
    MAX_STRING_CHARS,
)

JOB = RESUME["workExperience"][0]
OVER_EACH_CAP = {
    "entries": (
        {"workExperience": [{**JOB, "id": n} for n in range(MAX_ENTRIES + 1)]},
        "structuredData.workExperience: 51 entries; the cap is 50",
    ),
    "bullets": (
        {"workExperience": [{**JOB, "description": ["Led a team"] * (MAX_BULLETS + 1)}]},
        "structuredData.workExperience[0].description: 31 bullets; the cap is 30",
    ),
    "list items": (
        {"additional": {"languages": [f"Language {n}" for n in range(MAX_LIST_ITEMS + 1)]}},
        "structuredData.additional.languages: 101 items; the cap is 100",
    ),
    "string": (
        {"summary": "a" * (MAX_STRING_CHARS + 1)},
        "structuredData.summary: 5,001 characters; the cap is 5,000",
    ),
    "custom sections": (
        {
            "customSections": {
                f"s{n}": {"title": f"S{n}", "type": "text", "text": "x"}
                for n in range(MAX_CUSTOM_SECTIONS + 1)
            }
        },
        "structuredData.customSections: 21 sections; the cap is 20",
    ),
    "total": (
        {"workExperience": [{**JOB, "id": n, "description": ["b" * 4000] * 2} for n in range(13)]},
        "characters in total; the cap is 100,000",
    ),
}


@pytest.mark.parametrize("cap", list(OVER_EACH_CAP))
async def test_patch_over_a_cap_is_400_and_the_stored_resume_is_unchanged(client, org, cap):
    rid = await ready_resume(client, org)
    url = f"/api/v1/resumes/{rid}"
    before = (await client.get(url, headers=org.headers)).json()["data"]
    patch, message = OVER_EACH_CAP[cap]
    response = await client.patch(url, headers=org.headers, json={"structuredData": patch})
    assert response.status_code == 400
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert message in response.json()["detail"]
    after = (await client.get(url, headers=org.headers)).json()["data"]
    assert after == before


async def test_patch_at_the_caps_is_accepted(client, org):
    rid = await ready_resume(client, org)
    at_caps = {
        "workExperience": [
            {**JOB, "id": n, "description": ["Led a team of five"] * MAX_BULLETS}
            for n in range(MAX_ENTRIES)
        ]
    }
    response = await client.patch(
        f"/api/v1/resumes/{rid}", headers=org.headers, json={"structuredData": at_caps}
    )
    assert response.status_code == 200, response.text
