"""A document yielding far more text than a resume fails extraction early and readably."""

from __future__ import annotations

import time

import pytest
from tests.documents import hostile_files as hostile
from tests.documents.tiny_pdf import Text, build_pdf

from refleum.documents.errors import ExtractionFailed, UnsupportedDocument
from refleum.documents.extract import extract_in_sandbox, extract_markdown
from refleum.documents.sniff import check_upload
from refleum.documents.text_budget import MAX_LINES, MAX_TEXT_CHARS


def test_a_book_in_a_docx_passes_upload_but_fails_extraction_on_its_size():
    data = hostile.book_docx(MAX_TEXT_CHARS + 100_000)
    assert check_upload(data) == "docx"  # 400 KB of text is a legal DOCX part...
    with pytest.raises(ExtractionFailed, match="more than 300,000 characters"):
        extract_markdown(data, "docx")  # ...but not a resume


def test_paragraphs_past_the_line_cap_fail_without_walking_them_all():
    data = hostile.many_paragraphs_docx(MAX_LINES * 4)
    assert check_upload(data) == "docx"
    started = time.perf_counter()
    with pytest.raises(ExtractionFailed, match="more than 20,000 lines"):
        extract_markdown(data, "docx")
    # Walking all 80,000 took minutes before (python-docx looked each paragraph's style up
    # by scanning every style); now it stops at the cap. Generous: it takes ~1-4 s.
    assert time.perf_counter() - started < 30


def test_a_pdf_past_the_cap_stops_at_the_page_that_crosses_it():
    pages = [
        [Text(40, 800 - 14 * n, f"Line {n} of page {p} " * 4) for n in range(50)] for p in range(30)
    ]
    with pytest.raises(ExtractionFailed, match="more than 5,000 characters"):
        extract_markdown(build_pdf(pages), "pdf", max_chars=5_000)


async def test_the_cap_is_applied_in_the_sandbox():
    with pytest.raises(ExtractionFailed, match="more than 1,000 characters"):
        await extract_in_sandbox(hostile.book_docx(5_000), "docx", max_chars=1_000)


def test_docx_xml_part_past_8_mb_is_refused_at_upload():
    data = hostile.book_docx(9 * 1024 * 1024)
    with pytest.raises(UnsupportedDocument, match="word/document.xml holds more than"):
        check_upload(data)
