"""GET /resumes/{id} reads one row without the ORM and keeps its rendered body (issue #17):
what it answers must be exactly what the ORM's rendering of the same row is, and a change
by any writer must show at once."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, text
from tests.resumes.test_endpoints import new_resume

from refleum.envelopes import Envelope, ListEnvelope, PageMeta
from refleum.ids import new_id
from refleum.resumes.models import Resume
from refleum.resumes.reads import RenderedResumes
from refleum.resumes.schemas import ResumeOut, ResumeSummary

RESUMES = "/api/v1/resumes"
EXAMPLE = Path(__file__).parents[2] / "examples" / "resume.json"


async def _orm_rendering(app, resume_id: str) -> dict:
    async with app.state.db.sessions() as session:
        resume = await session.get(Resume, resume_id)
        return Envelope(data=ResumeOut.of(resume)).model_dump(mode="json")


async def _store(app, org_id: str, **fields) -> str:
    resume = Resume(id=new_id("res"), org_id=org_id, filename="cv.pdf", **fields)
    async with app.state.db.sessions() as session:
        session.add(resume)
        await session.commit()
    return resume.id


async def test_every_kind_of_row_answers_what_the_orm_renders(client, app, org):
    parent = await _store(
        app,
        org.org_id,
        is_master=True,
        status="READY",
        title="Ünïcode — “quoted” title",
        warnings=["a warning"],
        structured_data=json.loads(EXAMPLE.read_text()),
        created_at=datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        updated_at=datetime(2026, 1, 2, 3, 4, 6, tzinfo=UTC),
    )
    child = await _store(
        app,
        org.org_id,
        status="READY",
        parent_id=parent,
        strategy="NUDGE",
        job_description="Data analyst, SQL",
        job_keywords={"required_skills": ["SQL"], "preferred_skills": []},
        tailoring={
            "gaps": ["Tableau"],
            "skills_shown": [{"skill": "SQL", "how": "stated", "line": "SQL daily"}],
        },
    )
    processing = await new_resume(client, org)  # an upload, still PROCESSING
    for resume_id in (parent, child, processing):
        answer = await client.get(f"{RESUMES}/{resume_id}", headers=org.headers)
        assert answer.status_code == 200
        assert answer.headers["content-type"] == "application/json"
        assert answer.json() == await _orm_rendering(app, resume_id)


async def _orm_page(app, org_id: str, include_master: bool, limit: int, offset: int):
    """The list as the ORM selects it: the organization's rows, the master only when
    asked, most recently updated first and the id breaking ties."""
    query = select(Resume).where(Resume.org_id == org_id)
    if not include_master:
        query = query.where(Resume.is_master.is_(False))
    async with app.state.db.sessions() as session:
        total = await session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await session.scalars(
            query.order_by(Resume.updated_at.desc(), Resume.id.desc()).limit(limit).offset(offset)
        )
        return list(rows), total


async def test_the_list_answers_what_the_orm_lists(client, app, org, make_org):
    stamp = datetime(2026, 3, 1, tzinfo=UTC)
    # Equal updated_at on purpose: the tie is broken by id, descending, on both paths.
    ids = [
        await _store(app, org.org_id, is_master=i == 0, updated_at=stamp, title=f"t{i}")
        for i in range(5)
    ]
    await _store(app, (await make_org("Other")).org_id, title="not ours")
    for include_master in (False, True):
        for limit, offset in ((20, 0), (2, 1), (2, 4), (3, 10)):
            rows, total = await _orm_page(app, org.org_id, include_master, limit, offset)
            expected = ListEnvelope(
                data=[ResumeSummary.of(r) for r in rows],
                meta=PageMeta(limit=limit, offset=offset, total=total),
            ).model_dump(mode="json")
            answer = await client.get(
                RESUMES,
                headers=org.headers,
                params={"include_master": include_master, "limit": limit, "offset": offset},
            )
            assert answer.json() == expected
    everything = await client.get(RESUMES, headers=org.headers, params={"include_master": True})
    assert [r["resume_id"] for r in everything.json()["data"]] == sorted(ids, reverse=True)


async def test_a_change_by_any_writer_is_served_at_once(client, app, org):
    resume_id = await new_resume(client, org)
    first = (await client.get(f"{RESUMES}/{resume_id}", headers=org.headers)).json()["data"]
    # A raw UPDATE that touches neither updated_at nor content_version: the kept body
    # must not be served for the changed row.
    async with app.state.db.engine.begin() as conn:
        await conn.execute(
            text("UPDATE resumes SET title = 'renamed', status = 'FAILED' WHERE id = :id"),
            {"id": resume_id},
        )
    second = (await client.get(f"{RESUMES}/{resume_id}", headers=org.headers)).json()["data"]
    assert (first["title"], first["status"]) == (None, "PROCESSING")
    assert (second["title"], second["status"]) == ("renamed", "FAILED")
    assert second["updated_at"] == first["updated_at"]


async def test_a_deleted_or_foreign_resume_is_not_found_even_after_it_was_read(
    client, app, org, make_org
):
    resume_id = await new_resume(client, org)
    assert (await client.get(f"{RESUMES}/{resume_id}", headers=org.headers)).status_code == 200
    other = await make_org("Other")
    foreign = await client.get(f"{RESUMES}/{resume_id}", headers=other.headers)
    assert foreign.status_code == 404
    assert foreign.json()["error"] == "NOT_FOUND"
    assert (await client.delete(f"{RESUMES}/{resume_id}", headers=org.headers)).status_code == 200
    gone = await client.get(f"{RESUMES}/{resume_id}", headers=org.headers)
    assert gone.status_code == 404
    assert gone.json()["error"] == "NOT_FOUND"


async def test_concurrent_reads_of_each_others_resumes_answer_only_the_owner(
    client, app, org, make_org, monkeypatch
):
    """On PostgreSQL these reads share one statement: each request must still get its own
    organization's row, and a foreign id must stay not found."""
    other = await make_org("Other")
    mine, theirs = await new_resume(client, org), await new_resume(client, other)
    statements = []
    if not app.state.db.is_sqlite:
        reads = app.state.db.reads._reads
        fetch = reads._fetch

        async def counted(sql, params, many):
            statements.append(params)
            return await fetch(sql, params, many)

        monkeypatch.setattr(reads, "_fetch", counted)
    asks = [(org, mine), (other, mine), (other, theirs), (org, theirs)] * 5
    answers = await asyncio.gather(
        *(client.get(f"{RESUMES}/{rid}", headers=who.headers) for who, rid in asks)
    )
    if not app.state.db.is_sqlite:
        assert 0 < len(statements) < len(asks)  # some statement answered several requests
    for (who, rid), answer in zip(asks, answers, strict=True):
        owned = (who, rid) in ((org, mine), (other, theirs))
        assert answer.status_code == (200 if owned else 404)
        if owned:
            assert answer.json()["data"]["resume_id"] == rid


async def test_an_unchanged_row_is_served_from_the_kept_body(app, org, client):
    resume_id = await new_resume(client, org)
    rendered = RenderedResumes()
    first = await rendered.body(app.state.db.reads, org.org_id, resume_id)
    again = await rendered.body(app.state.db.reads, org.org_id, resume_id)
    assert again is first  # the very bytes object: nothing was rendered again


class _Rows:
    """Read connections that answer a fixed row per resume id (the memo's bound only)."""

    def __init__(self, rows):
        self.rows = rows

    async def fetch_keyed(self, _read, params):
        return self.rows[params[0]]


def _row(resume_id: str, title: str) -> tuple:
    stamp = "2026-01-02 03:04:05.000000"
    return (resume_id, 0, "READY", title, "cv.pdf", "[]", None, None, stamp, stamp, None, None,
            None, None)  # fmt: skip


async def test_kept_bodies_stay_under_their_byte_bound_least_recently_read_first():
    rows = _Rows({f"r{i}": _row(f"r{i}", "t" * 300) for i in range(4)})
    one = len(await RenderedResumes().body(rows, "org", "r0"))
    size = one + sum(len(v) for v in rows.rows["r0"] if isinstance(v, str))
    rendered = RenderedResumes(max_bytes=size * 2)
    kept = {rid: await rendered.body(rows, "org", rid) for rid in ("r0", "r1")}
    assert await rendered.body(rows, "org", "r0") is kept["r0"]  # r0 is now the most recent
    await rendered.body(rows, "org", "r2")  # evicts r1, the least recently read
    assert await rendered.body(rows, "org", "r0") is kept["r0"]
    assert await rendered.body(rows, "org", "r1") is not kept["r1"]


async def test_a_body_larger_than_the_bound_is_served_but_not_kept():
    rows = _Rows({"big": _row("big", "x" * 300)})
    rendered = RenderedResumes(max_bytes=100)
    first = await rendered.body(rows, "org", "big")
    assert b"x" * 300 in first
    assert await rendered.body(rows, "org", "big") is not first
