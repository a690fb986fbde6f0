"""render_markdown and render_docx carry the same content, in the same order, as the PDF."""

from __future__ import annotations

import io

import docx
from tests.documents.render.helpers import corpus, strings_in_order

from refleum.documents.render import render_docx, render_markdown
from refleum.resume_data import ResumeData

CORPUS = corpus()


def test_markdown_escapes_markup_characters():
    data = ResumeData.model_validate(
        {"personalInfo": {"name": "Eve"}, "summary": "C# and <b>bold</b> claims *here*"}
    )
    text = render_markdown(data)
    assert r"C\# and \<b\>bold\</b\> claims \*here\*" in text


def test_docx_holds_every_string_in_order():
    data = CORPUS["michael_obrien_lawyer"]
    document = docx.Document(io.BytesIO(render_docx(data)))
    text = "\n".join(p.text for p in document.paragraphs)
    position = 0
    for value in strings_in_order(data):
        found = text.find(value, position)
        assert found >= 0, f"{value!r} missing or out of order"
        position = found


def test_docx_uses_real_heading_and_bullet_styles_for_custom_sections():
    data = CORPUS["michael_obrien_lawyer"]
    styled = [
        (p.style.name, p.text) for p in docx.Document(io.BytesIO(render_docx(data))).paragraphs
    ]
    assert ("Heading 1", "Publications") in styled
    publications = data.customSections["publications"].strings
    assert [t for s, t in styled if s == "List Bullet" and t in publications] == publications
