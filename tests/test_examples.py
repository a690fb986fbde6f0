"""examples/: each pair is complete, its resume.pdf reads back as its resume.json (the
demo uploads the PDF, so a stale or lossy PDF would tailor another resume than the one
committed), and its JD asks for something in the letter, as real postings do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refleum.documents.extract import extract_markdown
from refleum.parsing.local_parser import parse_resume
from refleum.resume_data import ResumeData

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FOLDERS = [EXAMPLES, *sorted(p.parent for p in EXAMPLES.glob("*/resume.json"))]


def test_there_are_three_professions():
    assert [folder.name for folder in FOLDERS] == ["examples", "nursing", "sales"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_the_pdf_reads_back_as_the_json(folder):
    want = ResumeData.model_validate_json((folder / "resume.json").read_text())
    markdown = extract_markdown((folder / "resume.pdf").read_bytes(), "pdf").markdown
    got = parse_resume(markdown).data
    assert json.dumps(got.model_dump(), indent=1) == json.dumps(want.model_dump(), indent=1)


@pytest.mark.parametrize("folder", FOLDERS[1:], ids=lambda folder: folder.name)
def test_the_job_description_asks_for_something_in_the_letter(folder):
    text = (folder / "job_description.txt").read_text()
    assert "In your cover letter" in text
    assert len(text.split()) >= 100  # the tailor endpoint's minimum
