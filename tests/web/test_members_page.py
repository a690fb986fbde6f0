"""The owners' members page: invite, roles, new links, removal, and the rules around them."""

from __future__ import annotations

import re

import pytest
from fastapi import APIRouter
from sqlalchemy import func, select

from refleum.orgs.members import Role
from refleum.orgs.models import Member
from refleum.web.deps import CurrentMember

PAGE = "/dashboard/members"
probe = APIRouter()


@probe.get("/probe")
async def read_page(signed_in: CurrentMember) -> dict[str, str]:
    return {"role": signed_in.member.role}


@pytest.fixture
def app_with_probe(app):
    app.include_router(probe)
    return app


async def _member(app, member_id: str) -> Member | None:
    async with app.state.db.sessions() as session:
        return await session.get(Member, member_id)


async def _member_count(app) -> int:
    async with app.state.db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(Member)) or 0


def _shown_link(html: str) -> str:
    found = re.search(r'id="invite-link" class="mono" value="([^"]+)"', html)
    assert found, "no sign-in link on the page"
    return found.group(1)


async def test_members_get_403_on_every_route(app, browser_for, org):
    owner = await browser_for(org.org_id, Role.OWNER)
    member = await browser_for(org.org_id, Role.MEMBER)
    assert (await member.http.get(PAGE)).status_code == 403
    assert (await member.http.get(f"{PAGE}/{owner.member_id}/remove")).status_code == 403
    for url, data in [
        (PAGE, {"email": "x@example.com", "role": "owner"}),
        (f"{PAGE}/{member.member_id}/role", {"role": "owner"}),
        (f"{PAGE}/{owner.member_id}/link", {}),
        (f"{PAGE}/{owner.member_id}/remove", {}),
    ]:
        assert (await member.post_form(url, data)).status_code == 403, url
    assert (await _member(app, member.member_id)).role == Role.MEMBER
    assert await _member(app, owner.member_id) is not None
    assert await _member_count(app) == 2


async def test_the_page_lists_members_with_their_password_state(app, browser_for, org):
    owner = await browser_for(org.org_id, Role.OWNER, email="boss@example.com")
    await browser_for(org.org_id, Role.MEMBER, email="ann@example.com")
    page = await owner.http.get(PAGE)
    assert page.status_code == 200
    for snippet in (
        "boss@example.com",
        "ann@example.com",
        "not set",
        'for="invite-email">Email',
        'for="invite-role">Role',
        ">Invite<",
        "Change role",
        "New sign-in link",
        'aria-current="page">Members',
    ):
        assert snippet in page.text, snippet
    assert 'id="invite-link"' not in page.text


async def test_an_invite_shows_its_link_once_and_the_link_works(app, client, browser_for, org):
    owner = await browser_for(org.org_id)
    response = await owner.post_form(PAGE, {"email": "New@Example.com", "role": "owner"})
    assert response.status_code == 200
    link = _shown_link(response.text)
    assert link.startswith("http://127.0.0.1:8000/signin/link/")
    assert "copy.js" in response.text and 'data-copy="invite-link"' in response.text
    async with app.state.db.sessions() as session:
        invited = (
            await session.scalars(select(Member).where(Member.email == "new@example.com"))
        ).one()
    assert invited.role == Role.OWNER and invited.password_hash is None
    assert link.split("/")[-1] not in (await owner.http.get(PAGE)).text
    page = await client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert page.status_code == 200 and "new@example.com" in page.text


@pytest.mark.parametrize(
    "data,message",
    [
        ({"email": "not an email", "role": "member"}, "valid email"),
        ({"email": "taken@example.com", "role": "member"}, "already has an account"),
        ({"email": "x@example.com", "role": "admin"}, "Choose a role"),
    ],
    ids=["bad-email", "taken", "bad-role"],
)
async def test_a_bad_invite_is_refused_with_a_message(app, browser_for, org, data, message):
    owner = await browser_for(org.org_id)
    await browser_for(org.org_id, Role.MEMBER, email="taken@example.com")
    response = await owner.post_form(PAGE, data)
    assert response.status_code == 400 and message in response.text
    assert 'id="invite-link"' not in response.text
    assert await _member_count(app) == 2


async def test_a_new_sign_in_link_voids_the_old_one(app, client, browser_for, org):
    owner = await browser_for(org.org_id)
    first = _shown_link((await owner.post_form(PAGE, {"email": "a@example.com"})).text)
    async with app.state.db.sessions() as session:
        member_id = (
            await session.scalars(select(Member.id).where(Member.email == "a@example.com"))
        ).one()
    second = _shown_link((await owner.post_form(f"{PAGE}/{member_id}/link")).text)
    assert first != second
    assert (await client.get(first.removeprefix("http://127.0.0.1:8000"))).status_code == 410
    assert (await client.get(second.removeprefix("http://127.0.0.1:8000"))).status_code == 200


async def test_changing_a_role_ends_that_members_sessions(app_with_probe, browser_for, org):
    owner = await browser_for(org.org_id)
    member = await browser_for(org.org_id, Role.MEMBER)
    assert (await member.http.get("/probe")).status_code == 200
    response = await owner.post_form(f"{PAGE}/{member.member_id}/role", {"role": "owner"})
    assert response.status_code == 303 and response.headers["location"] == PAGE
    assert (await _member(app_with_probe, member.member_id)).role == Role.OWNER
    assert (await member.http.get("/probe")).status_code == 303
    # Demoted again: the session they signed in with meanwhile ends too.
    other = await browser_for(org.org_id, Role.OWNER)
    response = await owner.post_form(f"{PAGE}/{other.member_id}/role", {"role": "member"})
    assert response.status_code == 303
    assert (await other.http.get("/probe")).status_code == 303
    assert (await owner.http.get("/probe")).status_code == 200


async def test_removal_ends_access_at_once(app_with_probe, browser_for, org):
    owner = await browser_for(org.org_id)
    member = await browser_for(org.org_id, Role.MEMBER, email="gone@example.com")
    assert (await member.http.get("/probe")).status_code == 200
    confirm = await owner.http.get(f"{PAGE}/{member.member_id}/remove")
    assert confirm.status_code == 200 and "Remove gone@example.com?" in confirm.text
    response = await owner.post_form(f"{PAGE}/{member.member_id}/remove")
    assert response.status_code == 303 and response.headers["location"] == PAGE
    assert await _member(app_with_probe, member.member_id) is None
    assert (await member.http.get("/probe")).status_code == 303
    assert "gone@example.com" not in (await owner.http.get(PAGE)).text


async def test_the_last_owner_cannot_be_demoted(app, browser_for, org):
    owner = await browser_for(org.org_id)
    response = await owner.post_form(f"{PAGE}/{owner.member_id}/role", {"role": "member"})
    assert response.status_code == 409 and "last owner cannot be demoted" in response.text
    assert (await _member(app, owner.member_id)).role == Role.OWNER


async def test_an_owner_cannot_remove_themself(app, browser_for, org):
    owner = await browser_for(org.org_id)
    await browser_for(org.org_id, Role.OWNER)
    response = await owner.post_form(f"{PAGE}/{owner.member_id}/remove")
    assert response.status_code == 409 and "cannot remove yourself" in response.text
    assert await _member(app, owner.member_id) is not None


async def test_an_owner_may_step_down_while_another_owner_remains(app, browser_for, org):
    owner = await browser_for(org.org_id)
    await browser_for(org.org_id, Role.OWNER)
    response = await owner.post_form(f"{PAGE}/{owner.member_id}/role", {"role": "member"})
    assert response.status_code == 303
    assert (await _member(app, owner.member_id)).role == Role.MEMBER


async def test_a_bad_role_is_refused(app, browser_for, org):
    owner = await browser_for(org.org_id)
    member = await browser_for(org.org_id, Role.MEMBER)
    response = await owner.post_form(f"{PAGE}/{member.member_id}/role", {"role": "admin"})
    assert response.status_code == 409 and "Choose a role" in response.text
    assert (await _member(app, member.member_id)).role == Role.MEMBER


ROUTES = [
    ("get", "/remove", None),
    ("post", "/role", {"role": "member"}),
    ("post", "/link", {}),
    ("post", "/remove", {}),
]


@pytest.mark.parametrize("method,suffix,data", ROUTES, ids=[f"{m}{s}" for m, s, _ in ROUTES])
async def test_another_organizations_member_is_not_found(
    app, browser_for, make_org, org, method, suffix, data
):
    mine = await browser_for(org.org_id)
    other_org = await make_org("Other")
    theirs = await browser_for(other_org.org_id, Role.OWNER, email="theirs@example.com")
    await browser_for(other_org.org_id, Role.OWNER)  # so theirs is not the last owner
    url = f"{PAGE}/{theirs.member_id}{suffix}"
    if method == "get":
        response = await mine.http.get(url)
    else:
        response = await mine.post_form(url, data)
    assert response.status_code == 404 and "no such member" in response.text
    assert 'id="invite-link"' not in response.text
    after = await _member(app, theirs.member_id)
    assert after is not None and after.role == Role.OWNER
