"""Every hostile kind is refused at upload or fails extraction with a readable reason."""

from __future__ import annotations

import io
import zipfile

import pytest
from tests.documents import hostile_files as hostile
from tests.documents.corpus_files import CORPUS
from tests.documents.tiny_pdf import Text, build_pdf
from tests.documents.tiny_pdf import assemble as assemble_pdf

from refleum.documents.errors import ExtractionFailed, UnsupportedDocument
from refleum.documents.extract import extract_in_sandbox, extract_markdown
from refleum.documents.pdf_text import drop_undecodable
from refleum.documents.sniff import check_upload, detect_kind

VALID_PDF = (CORPUS / "jose_garcia_nurse.pdf").read_bytes()


def refusal(data: bytes) -> str:
    with pytest.raises(UnsupportedDocument) as caught:
        check_upload(data)
    return caught.value.reason


def test_empty_file_is_refused():
    assert refusal(b"") == "The file is empty"
    assert refusal(b"  \n") == "The file is empty"


@pytest.mark.parametrize(
    "data",
    [b"Jane Doe\nSoftware engineer\n", hostile.PNG_HEAD, b"{\\rtf1 Jane}"],
    ids=["plain-text", "png", "rtf"],
)
def test_other_formats_are_refused(data):
    assert refusal(data) == "Only PDF and DOCX files are accepted"
    assert detect_kind(data) is None


def test_zip_renamed_pdf_is_refused():
    assert "not a Word (DOCX) document" in refusal(hostile.plain_zip())


def test_pdf_header_followed_by_garbage():
    data = hostile.garbage_after_pdf_header()
    assert refusal(data) == "The file starts like a PDF but holds no PDF content"
    with pytest.raises(ExtractionFailed, match="damaged"):
        extract_markdown(data, "pdf")


def test_truncated_pdf():
    data = VALID_PDF[: len(VALID_PDF) // 2]
    assert refusal(data) == "The PDF is truncated or damaged"
    try:  # pdfminer may recover part of it; it must never raise anything else
        result = extract_markdown(data, "pdf")
    except ExtractionFailed as failure:
        assert failure.reason
    else:
        assert result.markdown.startswith("# ")


def test_encrypted_pdf():
    data = build_pdf([[Text(40, 800, "Jane Doe")]], encrypt=True)
    assert "encrypted" in refusal(data)
    with pytest.raises(ExtractionFailed, match="^The PDF is encrypted$"):
        extract_markdown(data, "pdf")


def test_image_only_pdf_passes_upload_but_fails_extraction():
    data = build_pdf([], image_only=True)
    assert check_upload(data) == "pdf"
    with pytest.raises(ExtractionFailed, match=r"no text layer \(image-only\); OCR is not offered"):
        extract_markdown(data, "pdf")


def test_500_page_pdf_is_read_up_to_the_page_cap_with_a_warning():
    result = extract_markdown(hostile.long_pdf(500), "pdf")
    assert result.pages == 500
    assert result.warnings == ["Only the first 50 of 500 pages were read"]
    assert "Entry 50 of the long document" in result.markdown
    assert "Entry 51 of" not in result.markdown


def test_docx_zip_bomb_is_refused_before_decompressing():
    assert "zip bomb" in refusal(hostile.zip_bomb_docx())


def test_docx_with_too_many_parts_is_refused():
    assert "too many parts" in refusal(hostile.many_parts_docx())


def test_docx_external_entity_is_refused_and_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-7f3a")
    data = hostile.external_entity_docx(str(secret))
    assert "DTD" in refusal(data)
    try:  # even past the upload check, the parser must not read the file
        markdown = extract_markdown(data, "docx").markdown
    except ExtractionFailed:
        return
    assert "TOP-SECRET-7f3a" not in markdown


def test_docx_without_text_fails_extraction():
    with pytest.raises(ExtractionFailed, match="no text"):
        extract_markdown(hostile.simple_docx("", ""), "docx")


def test_damaged_docx_fails_extraction():
    data = hostile.replace_part(hostile.simple_docx("Jane"), "word/document.xml", b"<w:document")
    with pytest.raises(ExtractionFailed, match="damaged"):
        extract_markdown(data, "docx")


def test_real_documents_pass_the_upload_check():
    assert check_upload(VALID_PDF) == "pdf"
    assert check_upload((CORPUS / "amara_okafor_teacher.docx").read_bytes()) == "docx"
    assert detect_kind((CORPUS / "amara_okafor_teacher.docx").read_bytes()[:2048]) == "docx"


def test_text_in_fonts_without_unicode_maps_is_refused_when_it_dominates():
    with pytest.raises(ExtractionFailed, match="text cannot be read"):
        drop_undecodable("# (cid:3)(cid:4)(cid:5)\n\n(cid:6)(cid:7) (cid:8)\n")


def test_a_few_undecodable_glyphs_are_dropped_with_a_warning():
    markdown, warnings = drop_undecodable(
        "# Jane Doe\n\nEngi(cid:3)neer at Acme (cid:9) since 2019\n"
    )
    assert markdown == "# Jane Doe\n\nEngineer at Acme since 2019\n"
    assert warnings == ["2 characters could not be decoded and were left out"]


def test_page_tree_that_contains_itself_fails_instead_of_looping():
    data = assemble_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 1 >>",
            3: b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
        }
    )
    assert check_upload(data) == "pdf"
    with pytest.raises(ExtractionFailed, match="^The PDF has no readable pages$"):
        extract_markdown(data, "pdf")


async def test_deeply_nested_objects_fail_readably_in_the_sandbox():
    nested = b"[" * 100_000 + b"]" * 100_000
    data = assemble_pdf(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [] /Count 1 /X " + nested + b" >>",
        }
    )
    with pytest.raises(ExtractionFailed):
        await extract_in_sandbox(data, "pdf", timeout_s=20)


def test_a_spreadsheet_zip_is_not_taken_for_a_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    data = out.getvalue()
    assert detect_kind(data) is None and detect_kind(data[:64]) is None
    assert "not a Word (DOCX) document" in refusal(data)
