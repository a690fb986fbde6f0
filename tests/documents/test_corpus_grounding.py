"""Every corpus document extracts to contract markdown holding every ground-truth value."""

from __future__ import annotations

import re

import pytest
from tests.documents.corpus_files import CORPUS, corpus_documents, flatten, string_values, truth_for

from refleum.documents.extract import extract_markdown
from refleum.documents.sniff import check_upload
from refleum.resume_data import ResumeData

DOCUMENTS = corpus_documents()
_ALLOWED_LINE = re.compile(r"^(# \S|## \S|- \S|[^#\-\s•▪◦●\uf0b7*])")


def test_corpus_is_big_enough_and_small():
    assert len(DOCUMENTS) >= 15
    assert {p.suffix for p in DOCUMENTS} == {".pdf", ".docx"}
    assert sum(p.stat().st_size for p in CORPUS.iterdir()) < 3 * 1024 * 1024


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_ground_truth_is_valid_resume_data(document):
    ResumeData.model_validate(truth_for(document))


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_every_value_appears_in_the_extracted_text(document):
    data = document.read_bytes()
    result = extract_markdown(data, check_upload(data))
    text = flatten(result.markdown)
    missing = [v for v in string_values(truth_for(document)) if " ".join(v.split()) not in text]
    assert missing == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_output_follows_the_markdown_contract(document):
    data = document.read_bytes()
    markdown = extract_markdown(data, check_upload(data)).markdown
    lines = markdown.splitlines()
    assert lines[0] == f"# {truth_for(document)['personalInfo']['name']}"
    assert sum(line.startswith("# ") for line in lines) == 1
    assert [line for line in lines if line and not _ALLOWED_LINE.match(line)] == []
    assert "\n\n\n" not in markdown and "  " not in markdown
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
