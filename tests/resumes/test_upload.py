import pytest
from sqlalchemy import func, select
from tests.samples import sample_docx, sample_pdf, zip_bytes

from refleum.resumes.models import Resume, ResumeFile

RESUMES = "/api/v1/resumes"


async def upload(client, org, data: bytes, name: str = "resume.pdf", **form):
    return await client.post(RESUMES, headers=org.headers, files={"file": (name, data)}, data=form)


async def count_rows(app) -> tuple[int, int]:
    async with app.state.db.sessions() as session:
        resumes = await session.scalar(select(func.count()).select_from(Resume))
        files = await session.scalar(select(func.count()).select_from(ResumeFile))
    return resumes, files


async def test_upload_pdf_answers_201_processing_and_keeps_the_bytes(client, app, org):
    response = await upload(client, org, sample_pdf(), "cv.pdf")
    assert response.status_code == 201
    body = response.json()["data"]
    assert body["status"] == "PROCESSING"
    assert body["filename"] == "cv.pdf"
    assert body["is_master"] is True
    assert body["warnings"] == []
    assert body["resume_id"].startswith("res_") and len(body["resume_id"]) == 30
    async with app.state.db.sessions() as session:
        stored = await session.get(ResumeFile, body["resume_id"])
    assert stored.data == sample_pdf()
    assert stored.content_type == "application/pdf"


async def test_type_comes_from_bytes_not_name(client, app, org):
    response = await upload(client, org, sample_docx(), "resume.pdf")
    assert response.status_code == 201
    async with app.state.db.sessions() as session:
        stored = await session.get(Resume, response.json()["data"]["resume_id"])
    assert stored.file_kind == "docx"


async def test_first_upload_is_master_and_set_as_master_moves_it(client, org):
    first = (await upload(client, org, sample_pdf())).json()["data"]
    second = (await upload(client, org, sample_pdf())).json()["data"]
    assert first["is_master"] and not second["is_master"]
    third = (await upload(client, org, sample_docx(), "b.docx", set_as_master="true")).json()[
        "data"
    ]
    assert third["is_master"]
    listed = (
        await client.get(RESUMES, headers=org.headers, params={"include_master": "true"})
    ).json()
    masters = [r["resume_id"] for r in listed["data"] if r["is_master"]]
    assert masters == [third["resume_id"]]


@pytest.mark.parametrize(
    ("name", "payload", "needle"),
    [
        ("zip_renamed.pdf", zip_bytes({"a.txt": b"hello"}), "file"),
        ("empty.pdf", b"", "file"),
        ("notes.pdf", b"just some text, not a document\n" * 20, "file"),
        ("big.pdf", b"%PDF-1.7\n" + b"0" * (11 * 1024 * 1024), "limit"),
    ],
)
async def test_hostile_uploads_are_refused_and_nothing_is_stored(
    client, app, org, name, payload, needle
):
    before = await count_rows(app)
    response = await upload(client, org, payload, name)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "VALIDATION_ERROR"
    assert needle in body["detail"]
    assert await count_rows(app) == before


async def test_missing_file_field_names_the_field(client, app, org):
    response = await client.post(RESUMES, headers=org.headers, data={"set_as_master": "true"})
    assert response.status_code == 400
    assert response.json()["error"] == "VALIDATION_ERROR"
    assert "file" in response.json()["detail"]
    assert await count_rows(app) == (0, 0)


async def test_declared_oversized_body_is_refused_before_reading(client, org):
    response = await client.post(
        RESUMES,
        headers={
            **org.headers,
            "content-type": "multipart/form-data; boundary=x",
            "content-length": str(50 * 1024 * 1024),
        },
        content=b"--x--\r\n",
    )
    assert response.status_code == 400
    assert response.json()["error"] == "VALIDATION_ERROR"
