"""Role changes and removals: an organization always keeps an owner; orgs stay apart."""

from __future__ import annotations

import pytest

from refleum.errors import NotFound, ValidationFailed
from refleum.orgs.members import Role, add_member, change_role, remove_member


async def test_the_last_owner_can_be_neither_demoted_nor_removed(app, org):
    async with app.state.db.sessions() as session:
        owner = await add_member(session, org.org_id, "boss@example.com", Role.OWNER)
        with pytest.raises(ValidationFailed, match="last owner"):
            await change_role(session, org.org_id, owner.id, Role.MEMBER)
        # Even when someone other than the owner asks (an operator tool, say).
        with pytest.raises(ValidationFailed, match="last owner"):
            await remove_member(session, org.org_id, owner.id, acting_member_id="mem_operator")
        assert owner.role == Role.OWNER


async def test_with_two_owners_one_may_go(app, org):
    async with app.state.db.sessions() as session:
        first = await add_member(session, org.org_id, "a@example.com", Role.OWNER)
        second = await add_member(session, org.org_id, "b@example.com", Role.OWNER)
        await change_role(session, org.org_id, first.id, Role.MEMBER)
        with pytest.raises(ValidationFailed, match="last owner"):
            await change_role(session, org.org_id, second.id, Role.MEMBER)
        await change_role(session, org.org_id, first.id, Role.OWNER)
        await remove_member(session, org.org_id, second.id, acting_member_id=first.id)


async def test_nobody_removes_themself(app, org):
    async with app.state.db.sessions() as session:
        owner = await add_member(session, org.org_id, "a@example.com", Role.OWNER)
        await add_member(session, org.org_id, "b@example.com", Role.OWNER)
        with pytest.raises(ValidationFailed, match="yourself"):
            await remove_member(session, org.org_id, owner.id, acting_member_id=owner.id)


async def test_another_organizations_member_is_not_found(app, org, make_org):
    other = await make_org("Other")
    async with app.state.db.sessions() as session:
        theirs = await add_member(session, other.org_id, "t@example.com", Role.MEMBER)
        with pytest.raises(NotFound):
            await change_role(session, org.org_id, theirs.id, Role.OWNER)
        with pytest.raises(NotFound):
            await remove_member(session, org.org_id, theirs.id, acting_member_id="mem_x")
        assert theirs.role == Role.MEMBER


@pytest.mark.parametrize(
    "email",
    ["a@org_01abc.example.com", "a@@example.com", "a@-example.com", "a@example..com", "a b@x.io"],
)
async def test_an_address_a_browser_cannot_send_is_refused(app, org, email):
    """The sign-in form's <input type=email> refuses these: such a member could never sign in."""
    async with app.state.db.sessions() as session:
        with pytest.raises(ValidationFailed):
            await add_member(session, org.org_id, email)


@pytest.mark.parametrize("email", ["Jane.O'Neil+cv@Sub.Example-Mail.co.uk", "x@a.io"])
async def test_ordinary_addresses_are_accepted(app, org, email):
    async with app.state.db.sessions() as session:
        member = await add_member(session, org.org_id, email)
    assert member.email == email.lower()
