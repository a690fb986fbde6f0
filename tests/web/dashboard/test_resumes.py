"""GET /dashboard/resumes, one resume read in full, and its downloads."""

from __future__ import annotations

import io

import docx
import pytest
from tests.web.dashboard.seed import seed

from refleum.orgs.members import Role
from refleum.resumes.models import Resume


async def test_the_list_shows_every_resume_with_its_full_id(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id, Role.MEMBER)
    page = await browser.http.get("/dashboard/resumes")
    assert page.status_code == 200
    for rid in (mine.resume_id, mine.child_id):
        assert f'<a href="/dashboard/resumes/{rid}">{rid}</a>' in page.text
    assert '<span class="badge ok">READY</span>' in page.text
    assert "cv.pdf" in page.text


async def test_the_list_is_paginated(app, browser_for, org):
    mine = await seed(app, org.org_id)
    from tests.web.dashboard.seed import add_tailored

    for _ in range(21):
        await add_tailored(app, org.org_id, mine.resume_id)
    browser = await browser_for(org.org_id)
    first = await browser.http.get("/dashboard/resumes")
    assert first.text.count('badge ok">READY<') == 20
    assert "1–20 of 23" in first.text and 'href="/dashboard/resumes?offset=20"' in first.text
    second = await browser.http.get("/dashboard/resumes?offset=20")
    assert second.text.count('badge ok">READY<') == 3
    assert 'href="/dashboard/resumes?offset=0" rel="prev"' in second.text
    for bad in ("-5", "abc", "9" * 30):
        page = await browser.http.get(f"/dashboard/resumes?offset={bad}")
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]


async def test_a_resume_reads_in_full(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id, Role.MEMBER)
    page = await browser.http.get(f"/dashboard/resumes/{mine.resume_id}")
    assert page.status_code == 200
    for text in (
        "Ana Souza",
        "ana@example.com",
        "Data analyst who turns messy operational data into decisions.",
        "<li>Automated SQL reporting, cutting manual work by 35%</li>",
        "University of Lisbon",
        "SQL, Python, Tableau, Excel",
    ):
        assert text in page.text
    assert f'href="/dashboard/resumes/{mine.child_id}"' in page.text  # its tailored child
    for fmt in ("pdf", "docx", "md"):
        assert f'href="/dashboard/resumes/{mine.resume_id}/download/{fmt}"' in page.text


async def test_a_tailored_resume_links_its_parent_and_shows_warnings(app, browser_for, org):
    mine = await seed(app, org.org_id)
    page = await (await browser_for(org.org_id)).http.get(f"/dashboard/resumes/{mine.child_id}")
    assert f'id="parent-link" href="/dashboard/resumes/{mine.resume_id}"' in page.text
    assert "Warnings (1)" in page.text and "one bullet was not changed" in page.text


async def test_a_processing_resume_has_no_downloads(app, browser_for, org):
    from refleum.ids import new_id
    from refleum.resumes.repository import ResumeRepository

    async with app.state.db.sessions() as session:
        resume = await ResumeRepository(session, org.org_id).add(
            Resume(id=new_id("res"), filename="new.pdf", file_kind="pdf", warnings=[])
        )
        await session.commit()
    browser = await browser_for(org.org_id)
    page = await browser.http.get(f"/dashboard/resumes/{resume.id}")
    assert page.status_code == 200 and "Still being read" in page.text
    assert "/download/" not in page.text
    response = await browser.http.get(f"/dashboard/resumes/{resume.id}/download/docx")
    assert response.status_code == 404


async def test_markdown_and_docx_downloads_are_the_apis_exports(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id, Role.MEMBER)
    md = await browser.http.get(f"/dashboard/resumes/{mine.resume_id}/download/md")
    api_md = await browser.http.get(
        f"/api/v1/resumes/{mine.resume_id}/markdown", headers=org.headers
    )
    assert md.status_code == 200 and md.text == api_md.text
    assert md.headers["content-disposition"] == 'attachment; filename="ana-souza-resume.md"'
    word = await browser.http.get(f"/dashboard/resumes/{mine.resume_id}/download/docx")
    assert word.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
    assert "Northwind Traders" in text


async def test_the_pdf_download_renders_through_the_pool(app, browser_for, org):
    mine = await seed(app, org.org_id)
    browser = await browser_for(org.org_id)
    pdf = await browser.http.get(f"/dashboard/resumes/{mine.child_id}/download/pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"


@pytest.mark.parametrize(
    "url", ["/dashboard/resumes/res_nope", "/dashboard/resumes/res_nope/download/md"]
)
async def test_an_unknown_resume_is_a_404_page(browser_for, org, url):
    response = await (await browser_for(org.org_id)).http.get(url)
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"] and "Not found" in response.text


async def test_an_unknown_format_is_a_404(app, browser_for, org):
    mine = await seed(app, org.org_id)
    response = await (await browser_for(org.org_id)).http.get(
        f"/dashboard/resumes/{mine.resume_id}/download/exe"
    )
    assert response.status_code == 404
