"""The storage boundary: stored resume text never holds NUL, control or private-use
characters, whatever the extractor produced (issue #12, glyph repair)."""

from __future__ import annotations

from tests.documents.font_pdf import Font, Run, font_pdf
from tests.resumes.test_upload import upload
from tests.samples import sample_pdf

from refleum.documents.result import ExtractedText
from refleum.documents.text_clean import is_unprintable
from refleum.resumes import tasks
from refleum.resumes.models import Resume

HOSTILE = (
    "# Jane\x00 Doe\r\n\nSenior\rEngineer at Acme\ue0f3 Corp\x07\n\n"
    "## Experience\n\n- Led e\x00ective teams\uf0b7 \U000f0001\x1b\n"
)


async def stored_markdown(app, resume_id: str) -> str:
    async with app.state.db.sessions() as session:
        return (await session.get(Resume, resume_id)).markdown


async def test_hostile_extractor_output_is_cleaned_before_it_is_stored(
    client, app, org, monkeypatch
):
    async def leaky_extractor(data, kind, **limits):
        return ExtractedText(markdown=HOSTILE)

    monkeypatch.setattr(tasks, "extract_in_sandbox", leaky_extractor)
    resume_id = (await upload(client, org, sample_pdf())).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    stored = await stored_markdown(app, resume_id)
    assert not [ch for ch in stored if is_unprintable(ch)], repr(stored)
    assert "Senior Engineer at Acme Corp" in stored
    assert stored.startswith("# Jane Doe\n")


async def test_a_pdf_with_a_nul_ligature_is_stored_readable(client, app, org):
    font = Font(differences={128: "ff"}, to_unicode={128: "0000", 0x81: "0000"})
    pdf = font_pdf(
        [font],
        [
            Run(72, 760, b"Jane Doe", size=20),
            Run(72, 700, b"Experience"),
            Run(72, 680, b"Led e\x80ective teams\x81 of five engineers at Acme"),
        ],
    )
    resume_id = (await upload(client, org, pdf)).json()["data"]["resume_id"]
    await app.state.jobs.drain()
    stored = await stored_markdown(app, resume_id)
    assert "\x00" not in stored
    assert "Led effective teams of five engineers at Acme" in stored
