"""The rules every dashboard page keeps (the CSP and accessibility ones the issue lists):
no inline script, style or event handler; every field labelled; none in the API schema."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from tests.web.dashboard.seed import seed

from refleum.orgs.members import Role


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: list[str | None] = []
        self.labels: set[str] = set()
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and "src" not in a:
            self.problems.append("inline <script>")
        if any(name.startswith("on") for name in a) or "style" in a:
            self.problems.append(f"inline handler or style on <{tag}>")
        if tag == "label" and a.get("for"):
            self.labels.add(a["for"])
        if tag in ("select", "textarea") or (tag == "input" and a.get("type") != "hidden"):
            self.fields.append(a.get("id"))


async def _pages(app, browser_for, org_id: str, role: Role) -> dict[str, str]:
    mine = await seed(app, org_id)
    browser = await browser_for(org_id, role)
    urls = [
        "/dashboard",
        "/dashboard/keys",
        "/dashboard/resumes",
        f"/dashboard/resumes/{mine.resume_id}",
        f"/dashboard/resumes/{mine.child_id}",
        "/dashboard/model",
        "/dashboard/webhooks",
        f"/dashboard/webhooks/{mine.webhook_id}",
    ]
    if role is Role.OWNER:
        urls += [
            f"/dashboard/keys/{mine.key_id}/revoke",
            f"/dashboard/resumes/{mine.child_id}/cover-letters/{mine.cover_letter_id}/delete",
        ]
    pages = {url: (await browser.http.get(url)).text for url in urls}
    pages["temporary key"] = (await browser.post_form("/dashboard/keys/temporary")).text
    if role is Role.OWNER:
        pages["new key"] = (await browser.post_form("/dashboard/keys", {"name": "k"})).text
        pages["refused key"] = (await browser.post_form("/dashboard/keys", {"name": ""})).text
        pages["model test"] = (await browser.post_form("/dashboard/model/test")).text
        hook = {"url": "https://hooks.example.com/x", "events": "resume.parsed"}
        pages["new webhook"] = (await browser.post_form("/dashboard/webhooks", hook)).text
        pages["refused webhook"] = (await browser.post_form("/dashboard/webhooks", {})).text
    return pages


@pytest.mark.parametrize("role", [Role.OWNER, Role.MEMBER])
async def test_pages_have_no_inline_code_and_every_field_a_label(app, browser_for, org, role):
    for url, html in (await _pages(app, browser_for, org.org_id, role)).items():
        page = _Page()
        page.feed(html)
        assert page.problems == [], url
        unlabelled = [f for f in page.fields if f is None or f not in page.labels]
        assert unlabelled == [], url


async def test_no_dashboard_route_is_in_the_api_schema(client):
    paths = (await client.get("/openapi.json")).json()["paths"]
    assert not [p for p in paths if p.startswith("/dashboard")]
