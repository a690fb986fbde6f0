"""ResumeData to a whole HTML page (Jinja2, autoescaped: resume text is never markup)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from refleum.documents.render.errors import RenderFailed
from refleum.documents.render.model import View, build_view
from refleum.resume_data import ResumeData

TEMPLATES = ("classic", "modern")
PAGE_SIZES = ("A4", "Letter")
_MARGINS = {"classic": "16mm", "modern": "14mm 15mm"}


@cache
def _env() -> Environment:
    return Environment(
        loader=PackageLoader("refleum.documents.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _css(template: str) -> str:
    return (
        resources.files("refleum.documents.render")
        .joinpath("templates", f"{template}.css")
        .read_text(encoding="utf-8")
    )


def check_options(template: str, page_size: str) -> None:
    if template not in TEMPLATES:
        raise RenderFailed(f"unknown template {template!r}; choose one of {', '.join(TEMPLATES)}")
    if page_size not in PAGE_SIZES:
        raise RenderFailed(f"unknown page size {page_size!r}; choose one of {PAGE_SIZES}")


def html_of_view(view: View, *, template: str, page_size: str) -> str:
    check_options(template, page_size)
    return (
        _env()
        .get_template("resume.html.j2")
        .render(
            view=view,
            template=template,
            page_size=page_size,
            margin=_MARGINS[template],
            # The CSS is ours, not user data: the only unescaped value in the page.
            css=Markup(_css(template)),
        )
    )


def render_html(
    data: ResumeData,
    *,
    template: str = "classic",
    page_size: str = "A4",
    language: str = "en",
    section_order: list[str] | None = None,
) -> str:
    view = build_view(data, language=language, section_order=section_order)
    return html_of_view(view, template=template, page_size=page_size)
