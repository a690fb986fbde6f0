"""HTML to PDF with WeasyPrint, offline: every URL the page might name is refused."""

from __future__ import annotations

from weasyprint import HTML
from weasyprint.urls import URLFetcher

from refleum.documents.render.errors import RenderFailed
from refleum.documents.render.glyphs import check_glyphs
from refleum.documents.render.html import html_of_view
from refleum.documents.render.model import all_text, build_view
from refleum.resume_data import ResumeData


class NoNetwork(URLFetcher):
    """Resume text is user data: a URL in it must never make the server fetch anything."""

    def fetch(self, url, headers=None):
        raise ValueError(f"fetching {url[:80]!r} is disabled")


def render_pdf(
    data: ResumeData,
    *,
    template: str = "classic",
    page_size: str = "A4",
    language: str = "en",
    section_order: list[str] | None = None,
) -> bytes:
    view = build_view(data, language=language, section_order=section_order)
    check_glyphs(all_text(view))
    page = html_of_view(view, template=template, page_size=page_size)
    try:
        return HTML(string=page, url_fetcher=NoNetwork()).write_pdf()
    except Exception as exc:  # WeasyPrint's failures are many and untyped
        raise RenderFailed(f"PDF rendering failed: {type(exc).__name__}") from exc
