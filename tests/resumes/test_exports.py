"""GET /resumes/{id}/pdf (cached; public for tailored resumes, keyed for originals),
/docx and /markdown (authenticated)."""

from __future__ import annotations

import asyncio
import io
from functools import partial

import docx
from sqlalchemy import func, select, update
from tests.documents.render import fake_renders
from tests.documents.render.helpers import pdf_text
from tests.letters.samples import JD, RESUME, ready_resume

from refleum.orgs.models import ApiKey
from refleum.resumes.models import PdfCache
from refleum.resumes.pdf_service import pdf_bytes
from refleum.resumes.repository import find_for_public_pdf


def renders(app) -> int:
    """Renders the app's pool started (a cache hit or a coalesced request starts none)."""
    return app.state.render_pool.calls


async def tailored_resume(client, org) -> str:
    rid = await ready_resume(client, org)
    response = await client.post(
        f"/api/v1/resumes/{rid}/tailor",
        headers=org.headers,
        json={"job_description": " ".join([JD] * 3)},  # the contract wants ≥ 100 words
    )
    assert response.status_code == 201, response.text
    return response.json()["data"]["resume_id"]


async def cache_rows(app) -> list[tuple[int, str, str]]:
    async with app.state.db.sessions() as session:
        rows = await session.execute(
            select(PdfCache.content_version, PdfCache.template, PdfCache.page_size)
        )
        return sorted(tuple(r) for r in rows)


async def test_tailored_pdf_is_public_inline_by_default_and_attachment_on_download(
    client, app, org
):
    rid = await tailored_resume(client, org)
    inline = await client.get(f"/api/v1/resumes/{rid}/pdf")  # no key at all
    assert inline.status_code == 200
    assert inline.headers["content-type"] == "application/pdf"
    assert inline.headers["content-disposition"] == 'inline; filename="ana-souza-resume.pdf"'
    assert "Northwind Traders" in pdf_text(inline.content)

    download = await client.get(f"/api/v1/resumes/{rid}/pdf", params={"download": 1})
    assert download.headers["content-disposition"] == (
        'attachment; filename="ana-souza-resume.pdf"'
    )


async def test_an_originals_pdf_needs_its_own_orgs_key(client, org, make_org):
    rid = await ready_resume(client, org)  # an upload: the candidate's details as sent
    url = f"/api/v1/resumes/{rid}/pdf"
    keyless = await client.get(url)
    missing = await client.get("/api/v1/resumes/res_01jzzzzzzzzzzzzzzzzzzzzzzz/pdf")
    assert keyless.status_code == 404
    assert keyless.json() == missing.json()  # indistinguishable from an id that does not exist
    intruder = await make_org("Intruder")
    other = await client.get(url, headers=intruder.headers)
    assert other.status_code == 404 and other.json() == missing.json()
    bad_key = await client.get(url, headers={"x-api-key": "sk_live_not_a_key"})
    assert bad_key.status_code == 401 and bad_key.json()["error"] == "INVALID_KEY"
    owner = await client.get(url, headers=org.headers)
    assert owner.status_code == 200 and "Northwind Traders" in pdf_text(owner.content)


async def test_a_tailored_pdf_stays_public_after_its_original_is_deleted(client, org):
    tailored = await tailored_resume(client, org)
    child = (await client.get(f"/api/v1/resumes/{tailored}", headers=org.headers)).json()
    original = child["data"]["parent_id"]
    deleted = await client.delete(f"/api/v1/resumes/{original}", headers=org.headers)
    assert deleted.status_code == 200
    assert (await client.get(f"/api/v1/resumes/{tailored}/pdf")).status_code == 200


async def test_second_request_is_served_from_cache_without_rendering(client, app, org):
    rid = await ready_resume(client, org)
    url, key = f"/api/v1/resumes/{rid}/pdf", org.headers
    first = await client.get(url, headers=key)
    second = await client.get(url, headers=key, params={"download": True})
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert renders(app) == 1
    # Another template or page size is another cache entry.
    modern = await client.get(
        url, headers=key, params={"template": "modern", "page_size": "Letter"}
    )
    assert modern.status_code == 200 and modern.content != first.content
    assert renders(app) == 2
    assert await cache_rows(app) == [(2, "classic", "A4"), (2, "modern", "Letter")]


async def test_patch_invalidates_the_cached_pdf(client, app, org):
    rid = await ready_resume(client, org)
    before = await client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers)
    patched = await client.patch(
        f"/api/v1/resumes/{rid}",
        headers=org.headers,
        json={"structuredData": {"summary": "Rewritten summary text."}},
    )
    assert patched.status_code == 200
    after = await client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers)
    assert renders(app) == 2
    assert "Rewritten summary text." in pdf_text(after.content)
    assert "Rewritten summary text." not in pdf_text(before.content)
    assert await cache_rows(app) == [(3, "classic", "A4")]  # the old version was dropped


async def test_render_failure_answers_503_envelope_and_caches_nothing(client, app, org):
    rid = await ready_resume(client, org)
    app.state.render_pool.render = fake_renders.broken
    response = await client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers)
    assert response.status_code == 503
    assert response.json() == {
        "error": "PDF_RENDER_FAILED",
        "detail": (
            "PDF rendering failed: text uses characters the PDF fonts cannot show: 太 (U+592A)"
        ),
    }
    assert await cache_rows(app) == []


async def test_unknown_or_unparsed_resume_is_404_envelope(client, app, org):
    missing = await client.get("/api/v1/resumes/res_01jzzzzzzzzzzzzzzzzzzzzzzz/pdf")
    assert missing.status_code == 404 and missing.json()["error"] == "NOT_FOUND"
    from tests.resumes.test_upload import upload
    from tests.samples import sample_pdf

    rid = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]  # not parsed
    unparsed = await client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers)
    assert unparsed.status_code == 404 and unparsed.json()["error"] == "NOT_FOUND"


async def test_bad_template_is_a_validation_error(client, org):
    rid = await ready_resume(client, org)
    response = await client.get(
        f"/api/v1/resumes/{rid}/pdf", headers=org.headers, params={"template": "fancy"}
    )
    assert response.status_code == 400 and response.json()["error"] == "VALIDATION_ERROR"


async def test_pdf_bytes_fills_the_cache_for_the_default_request(client, app, org):
    rid = await ready_resume(client, org)
    async with app.state.db.sessions() as session:
        resume = await find_for_public_pdf(session, rid)
        await pdf_bytes(session, app.state.render_pool, resume, "classic", "A4")
        await session.commit()
    assert await cache_rows(app) == [(2, "classic", "A4")]
    assert (await client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers)).status_code == 200
    assert renders(app) == 1


async def test_deleting_the_resume_deletes_its_cached_pdfs(client, app, org):
    rid = await ready_resume(client, org)
    await client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers)
    assert (await client.delete(f"/api/v1/resumes/{rid}", headers=org.headers)).status_code == 200
    async with app.state.db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(PdfCache)) == 0


async def test_docx_export_has_headings_and_bullets_in_order(client, org):
    rid = await ready_resume(client, org)
    assert (await client.get(f"/api/v1/resumes/{rid}/docx")).status_code == 401
    response = await client.get(f"/api/v1/resumes/{rid}/docx", headers=org.headers)
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="ana-souza-resume.docx"'
    document = docx.Document(io.BytesIO(response.content))
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert styled[0] == ("Title", "Ana Souza")
    headings = [t for s, t in styled if s == "Heading 1"]
    assert headings == ["Summary", "Experience", "Education", "Skills", "Languages"]
    bullets = [t for s, t in styled if s == "List Bullet"]
    assert bullets == [b for job in RESUME["workExperience"] for b in job["description"]]
    assert ("Heading 2", "Data Analyst — Northwind Traders") in styled


async def test_markdown_export(client, org):
    rid = await ready_resume(client, org)
    response = await client.get(f"/api/v1/resumes/{rid}/markdown", headers=org.headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/markdown")
    text = response.text
    assert text.startswith("# Ana Souza\n")
    assert "## Experience" in text and "### Data Analyst — Northwind Traders" in text
    assert "- Automated SQL reporting, cutting manual work by 35%" in text
    assert text.index("## Experience") < text.index("## Education") < text.index("## Skills")


async def test_exports_of_another_orgs_ready_resume_are_not_found(client, org, make_org):
    rid = await ready_resume(client, org)
    intruder = await make_org("Intruder")
    for kind in ("docx", "markdown"):
        response = await client.get(f"/api/v1/resumes/{rid}/{kind}", headers=intruder.headers)
        assert response.status_code == 404 and response.json()["error"] == "NOT_FOUND"
        owner = await client.get(f"/api/v1/resumes/{rid}/{kind}", headers=org.headers)
        assert owner.status_code == 200


async def test_tailoring_language_and_section_order_shape_every_export(client, app, org):
    rid = await ready_resume(client, org)
    async with app.state.db.sessions() as session:
        resume = await find_for_public_pdf(session, rid)
        resume.tailoring = {"language": "es", "section_order": ["education", "workExperience"]}
        resume.content_version += 1
        await session.commit()
    text = (await client.get(f"/api/v1/resumes/{rid}/markdown", headers=org.headers)).text
    assert text.index("## Formación") < text.index("## Experiencia") < text.index("## Resumen")
    pdf = pdf_text((await client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers)).content)
    assert pdf.index("Formación") < pdf.index("Experiencia") < pdf.index("Resumen")


async def test_a_slow_pdf_render_does_not_stall_other_requests(client, app, org):
    rid = await ready_resume(client, org)
    app.state.render_pool.render = partial(fake_renders.sleep_then_render, 3)
    pdf = asyncio.create_task(client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers))
    await asyncio.sleep(0.1)  # the render has started
    other = await client.get(f"/api/v1/resumes/{rid}", headers=org.headers)
    assert other.status_code == 200 and not pdf.done()  # answered while the render runs
    assert (await pdf).status_code == 200


async def test_a_keyed_pdf_render_holds_no_write_lock_while_it_runs(client, app, org):
    rid = await ready_resume(client, org)
    async with app.state.db.sessions() as session:  # the next request will touch the key
        await session.execute(update(ApiKey).values(last_used_at=None))
        await session.commit()
    app.state.render_pool.render = partial(fake_renders.sleep_then_render, 5)
    pdf = asyncio.create_task(client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers))
    await asyncio.sleep(0.5)  # authenticated (a write), now rendering
    patched = await client.patch(
        f"/api/v1/resumes/{rid}", headers=org.headers, json={"title": "written meanwhile"}
    )
    assert patched.status_code == 200 and not pdf.done()  # not queued behind the render
    assert (await pdf).status_code == 200


async def test_concurrent_misses_share_one_render_and_store_one_row(client, app, org):
    rid = await ready_resume(client, org)
    app.state.render_pool.render = partial(fake_renders.sleep_then_render, 1)
    url = f"/api/v1/resumes/{rid}/pdf"
    answers = await asyncio.gather(*(client.get(url, headers=org.headers) for _ in range(4)))
    assert [a.status_code for a in answers] == [200] * 4
    assert len({a.content for a in answers}) == 1
    assert renders(app) == 1  # four requests, one render
    assert await cache_rows(app) == [(2, "classic", "A4")]


async def test_one_org_flooding_big_renders_does_not_503_another(
    client, app, org, make_org, tmp_path
):
    app.state.render_pool.render = partial(fake_renders.logged, str(tmp_path / "log"))
    flooder = await make_org("Flooder")
    big = []
    for _ in range(3):  # renders that hold a renderer for 20 s each ("sleep 20", see logged)
        rid = await ready_resume(client, flooder)
        name = {"structuredData": {"personalInfo": {"name": "sleep 20"}}}
        await client.patch(f"/api/v1/resumes/{rid}", headers=flooder.headers, json=name)
        big.append(rid)
    flood = [
        asyncio.create_task(client.get(f"/api/v1/resumes/{rid}/pdf", headers=flooder.headers))
        for rid in big
    ]
    try:
        await asyncio.sleep(0.2)
        rid = await ready_resume(client, org)
        started = asyncio.get_running_loop().time()
        small = await client.get(f"/api/v1/resumes/{rid}/pdf", headers=org.headers)
        assert small.status_code == 200 and small.content == b"%PDF Ana Souza"
        assert asyncio.get_running_loop().time() - started < 15  # not behind a 20-s render
        assert not any(task.done() for task in flood)
    finally:
        for task in flood:
            task.cancel()
        await asyncio.gather(*flood, return_exceptions=True)


async def test_tailor_with_generate_pdf_caches_the_pdf_and_links_it(client, app, org):
    rid = await ready_resume(client, org)
    job_description = " ".join([JD] * 3)  # the contract wants at least 100 words
    response = await client.post(
        f"/api/v1/resumes/{rid}/tailor",
        headers=org.headers,
        json={"job_description": job_description, "generate_pdf": True},
    )
    assert response.status_code == 201, response.text
    data = response.json()["data"]
    assert data["pdf_url"].endswith(f"/api/v1/resumes/{data['resume_id']}/pdf")
    assert renders(app) == 1
    pdf = await client.get(data["pdf_url"].replace("http://testserver", ""))  # no key
    assert pdf.status_code == 200 and renders(app) == 1  # served from the cache tailor filled


async def test_openapi_says_the_pdf_key_is_optional(app):
    pdf = app.openapi()["paths"]["/api/v1/resumes/{id}/pdf"]["get"]
    assert pdf["security"] == [{}, {"HTTPBearer": []}, {"APIKeyHeader": []}]
