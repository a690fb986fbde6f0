"""The dashboard's rules, tried from a real page: a member cannot revoke keys, a form without
its CSRF token is refused and changes nothing, and the session cookie never opens the API.
(Organization A never reaching B is table-driven over every route in
tests/web/dashboard/test_isolation.py.)"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# fetch() from the signed-in page, with the page's own CSRF token (the forms' hidden input).
POST_WITH_TOKEN = """async (url) => {
  const token = document.querySelector('input[name=csrf_token]').value;
  const r = await fetch(url, {method: 'POST', credentials: 'include', redirect: 'manual',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams({csrf_token: token})});
  return [r.status, await r.text()];
}"""


@pytest.fixture(scope="module")
def team(run_cli) -> dict[str, str]:
    """An organization of its own, with one named key to try to revoke."""
    org = json.loads(run_cli("orgs", "create", "Rules Team", "--plan", "pro", "--json"))
    key = json.loads(run_cli("keys", "create", "--org", org["org_id"], "--json"))
    return {"org_id": org["org_id"], "key_id": key["key_id"], "key": key["key"]}


def _key_status(page, key_id: str) -> str:
    page.goto("/dashboard/keys")
    return page.locator(f"#key-{key_id} .badge").text_content().strip()


def test_a_member_cannot_revoke_or_create_keys(page, sign_in_new, team):
    sign_in_new(page, team["org_id"], "member")
    page.goto("/dashboard/keys")
    row = page.locator(f"#key-{team['key_id']}")
    expect(row).to_be_visible()
    expect(page.get_by_role("link", name="Revoke")).to_have_count(0)
    expect(page.locator("#key-name")).to_have_count(0)
    expect(page.get_by_role("button", name="Create key")).to_have_count(0)
    expect(page.locator("#temporary-key")).to_be_visible()  # members may try the API
    expect(page.get_by_role("link", name="Members")).to_have_count(0)

    status, body = page.evaluate(POST_WITH_TOKEN, f"/dashboard/keys/{team['key_id']}/revoke")
    assert status == 403
    assert "Only an owner" in body
    page.goto(f"/dashboard/keys/{team['key_id']}/revoke")  # the confirmation page too
    expect(page.get_by_text("Only an owner of the organization can do this.")).to_be_visible()
    assert _key_status(page, team["key_id"]) == "active"
    assert page.js_errors == []


def test_a_form_without_its_csrf_token_is_refused(page, sign_in_new, team):
    sign_in_new(page, team["org_id"], "owner")
    page.goto("/dashboard/keys")
    before = page.locator("#keys tbody tr").count()
    page.get_by_label("Key name").fill("no token")
    page.locator("#key-name").evaluate(
        "el => el.form.querySelector('input[name=csrf_token]').remove()"
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Create key").click()
    assert posted.value.status == 403
    expect(
        page.get_by_text("This form has expired or did not come from this site.")
    ).to_be_visible()
    expect(page.locator("#new-key")).to_have_count(0)

    # The same for the revoke form: the key stays active.
    page.goto(f"/dashboard/keys/{team['key_id']}/revoke")
    page.locator("form[action$='/revoke'] input[name=csrf_token]").evaluate("el => el.remove()")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Revoke key", exact=True).click()
    assert posted.value.status == 403
    assert _key_status(page, team["key_id"]) == "active"
    expect(page.locator("#keys tbody tr")).to_have_count(before)
    expect(page.get_by_role("cell", name="no token", exact=True)).to_have_count(0)


def test_the_session_cookie_never_opens_the_api(page, sign_in_new, team):
    sign_in_new(page, team["org_id"], "owner")
    assert any(c["name"] == "refleum_session" for c in page.context.cookies())
    status, body = page.evaluate(
        """async () => {
          const r = await fetch('/api/v1/resumes', {credentials: 'include'});
          return [r.status, await r.json()];
        }"""
    )
    assert status == 401
    assert body["error"] in {"MISSING_KEY", "INVALID_KEY"}
    # With the dashboard's CSRF header as well: still no way in.
    status = page.evaluate(
        """async () => {
          const token = document.querySelector('input[name=csrf_token]').value;
          const r = await fetch('/api/v1/resumes', {credentials: 'include',
            headers: {'X-CSRF-Token': token}});
          return r.status;
        }"""
    )
    assert status == 401
    # And the key itself works from the same page: the 401 was about the cookie.
    status = page.evaluate(
        """async (key) => (await fetch('/api/v1/resumes',
             {headers: {Authorization: 'Bearer ' + key}})).status""",
        team["key"],
    )
    assert status == 200
