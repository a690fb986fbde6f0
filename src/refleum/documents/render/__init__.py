"""Resume documents out of ResumeData: HTML/PDF (WeasyPrint), DOCX and Markdown."""

from refleum.documents.render.docx import render_docx
from refleum.documents.render.errors import RenderFailed
from refleum.documents.render.html import PAGE_SIZES, TEMPLATES, render_html
from refleum.documents.render.markdown import render_markdown
from refleum.documents.render.pdf import render_pdf

__all__ = [
    "PAGE_SIZES",
    "TEMPLATES",
    "RenderFailed",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_pdf",
]
