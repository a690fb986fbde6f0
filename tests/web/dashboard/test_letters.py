"""A resume's letters on its page: read in full, copied, deleted (owners) after confirming."""

from __future__ import annotations

from sqlalchemy import select
from tests.web.dashboard.seed import seed

from refleum.letters.models import Letter
from refleum.orgs.members import Role


async def _letter_ids(app, org_id: str) -> set[str]:
    async with app.state.db.sessions() as session:
        return set(await session.scalars(select(Letter.id).where(Letter.org_id == org_id)))


async def test_letters_read_in_full_with_a_copy_button(app, browser_for, org):
    mine = await seed(app, org.org_id)
    page = await (await browser_for(org.org_id, Role.MEMBER)).http.get(
        f"/dashboard/resumes/{mine.child_id}"
    )
    assert f'id="text-{mine.cover_letter_id}">Dear team of A,</div>' in page.text
    assert f'id="text-{mine.outreach_id}">Hello from A</div>' in page.text
    assert "Hi, saw your post." in page.text  # the outreach's connection note
    assert f'data-copy="text-{mine.cover_letter_id}"' in page.text
    assert "/static/copy.js" in page.text
    assert "/delete" not in page.text  # members delete nothing


async def test_an_owner_deletes_a_letter_after_confirming(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id)
    url = f"/dashboard/resumes/{mine.child_id}/cover-letters/{mine.cover_letter_id}/delete"
    page = await browser.http.get(f"/dashboard/resumes/{mine.child_id}")
    assert f'href="{url}"' in page.text
    confirm = await browser.http.get(url)
    assert confirm.status_code == 200 and ">Delete cover letter</button>" in confirm.text
    done = await browser.post_form(url)
    assert done.status_code == 303
    assert done.headers["location"] == f"/dashboard/resumes/{mine.child_id}#letters"
    assert await _letter_ids(app, org.org_id) == {mine.outreach_id}


async def test_deleting_an_outreach_message(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id)
    url = f"/dashboard/resumes/{mine.child_id}/outreach/{mine.outreach_id}/delete"
    assert (await browser.post_form(url)).status_code == 303
    assert await _letter_ids(app, org.org_id) == {mine.cover_letter_id}


async def test_a_delete_without_its_token_or_by_a_member_is_refused(app, browser_for, org):
    mine = await seed(app, org.org_id)
    url = f"/dashboard/resumes/{mine.child_id}/cover-letters/{mine.cover_letter_id}/delete"
    owner = await browser_for(org.org_id)
    assert (await owner.http.post(url, data={})).status_code == 403
    member = await browser_for(org.org_id, Role.MEMBER)
    assert (await member.http.get(url)).status_code == 403
    assert (await member.post_form(url)).status_code == 403
    assert len(await _letter_ids(app, org.org_id)) == 2


async def test_a_letter_under_the_wrong_resume_or_kind_is_404(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id)
    for url in (
        f"/dashboard/resumes/{mine.resume_id}/cover-letters/{mine.cover_letter_id}/delete",
        f"/dashboard/resumes/{mine.child_id}/outreach/{mine.cover_letter_id}/delete",
        f"/dashboard/resumes/{mine.child_id}/letters/{mine.cover_letter_id}/delete",
    ):
        assert (await browser.http.get(url)).status_code == 404, url
        assert (await browser.post_form(url)).status_code == 404, url
    assert len(await _letter_ids(app, org.org_id)) == 2
