"""render_pdf: every string of the resume lands in the PDF text, in order, in both
templates and page sizes; user text is escaped; missing glyphs fail loudly."""

from __future__ import annotations

import io

import pytest
from pdfminer.pdfpage import PDFPage
from tests.documents.render.helpers import corpus, pdf_text, strings_in_order

from refleum.documents.render import PAGE_SIZES, TEMPLATES, RenderFailed, render_html, render_pdf
from refleum.resume_data import ResumeData

CORPUS = corpus()
SAMPLES = ["michael_obrien_lawyer", "aiko_tanaka_new_grad", "lukasz_nowak_mechanical"]


def assert_in_order(text: str, strings: list[str]) -> None:
    position = 0
    for value in strings:
        found = text.find(" ".join(value.split()), position)
        assert found >= 0, f"{value!r} missing or out of order after offset {position}"
        position = found


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("page_size", PAGE_SIZES)
@pytest.mark.parametrize("name", SAMPLES)
def test_every_string_is_in_the_pdf_in_reading_order(name, template, page_size):
    data = CORPUS[name]
    pdf = render_pdf(data, template=template, page_size=page_size)
    assert pdf.startswith(b"%PDF")
    assert_in_order(pdf_text(pdf), strings_in_order(data))


def page_width_points(pdf: bytes) -> float:
    page = next(PDFPage.get_pages(io.BytesIO(pdf)))
    return round(page.mediabox[2] - page.mediabox[0], 1)


def test_page_size_sets_the_media_box():
    data = CORPUS["jose_garcia_nurse"]
    assert page_width_points(render_pdf(data, page_size="A4")) == 595.3  # 210 mm
    assert page_width_points(render_pdf(data, page_size="Letter")) == 612.0  # 8.5 in


def test_markup_in_resume_text_stays_text():
    data = ResumeData.model_validate(
        {
            "personalInfo": {"name": "Eve <script>alert(1)</script>"},
            "summary": "Knows <b>HTML</b> & CSS",
        }
    )
    html = render_html(data)
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "<b>HTML</b>" not in html
    text = pdf_text(render_pdf(data))
    assert "Eve <script>alert(1)</script>" in text
    assert "Knows <b>HTML</b> & CSS" in text


def test_empty_sections_are_omitted_and_custom_sections_rendered():
    data = ResumeData.model_validate(
        {
            "personalInfo": {"name": "Ada"},
            "customSections": {
                "publications": {
                    "title": "Publications",
                    "type": "stringList",
                    "strings": ["On engines"],
                },
                "empty": {"title": "Nothing", "type": "text", "text": ""},
            },
        }
    )
    html = render_html(data)
    assert "Experience" not in html and "Education" not in html and "Nothing" not in html
    assert "Publications" in html and "On engines" in html


def test_headings_follow_the_language_with_english_fallback():
    data = CORPUS["jose_garcia_nurse"]
    assert ">Experiencia<" in render_html(data, language="es")
    assert ">Berufserfahrung<" in render_html(data, language="de-AT")
    assert ">Experience<" in render_html(data, language="ja")


def test_section_order_is_honoured_and_nothing_is_dropped():
    data = CORPUS["jose_garcia_nurse"]
    html = render_html(data, section_order=["education", "summary"])
    education, summary, experience = (
        html.index(f">{h}<") for h in ("Education", "Summary", "Experience")
    )
    assert education < summary < experience


def test_greek_and_cyrillic_render():
    data = ResumeData.model_validate(
        {"personalInfo": {"name": "Νίκος Παπαδόπουλος"}, "summary": "Инженер-программист"}
    )
    text = pdf_text(render_pdf(data))
    assert "Νίκος Παπαδόπουλος" in text and "Инженер-программист" in text


def test_characters_without_a_glyph_fail_instead_of_printing_boxes():
    data = ResumeData.model_validate({"personalInfo": {"name": "山田太郎"}})
    with pytest.raises(RenderFailed, match="characters the PDF fonts cannot show: 太"):
        render_pdf(data)


def test_unknown_template_fails():
    with pytest.raises(RenderFailed, match="unknown template"):
        render_pdf(CORPUS["jose_garcia_nurse"], template="fancy")


def test_urls_in_the_page_are_never_fetched(monkeypatch):
    import refleum.documents.render.pdf as pdf_module

    fetched = []
    original = pdf_module.NoNetwork.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(pdf_module.NoNetwork, "fetch", spy)
    monkeypatch.setattr(
        pdf_module,
        "html_of_view",
        lambda view, **kw: '<img src="http://127.0.0.1:9/x.png"><p>hi</p>',
    )
    pdf = render_pdf(CORPUS["jose_garcia_nurse"])
    assert fetched == ["http://127.0.0.1:9/x.png"]  # asked, refused, render still succeeded
    assert "hi" in pdf_text(pdf)
