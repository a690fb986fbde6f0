"""ResumeData to Markdown, from the same view (same content, same order) as the PDF."""

from __future__ import annotations

import re

from refleum.documents.render.model import build_view
from refleum.resume_data import ResumeData

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    # Escape what Markdown would read as markup, so "C#" or "<b>" stays literal text.
    return _SPECIAL.sub(r"\\\1", text)


def render_markdown(
    data: ResumeData, *, language: str = "en", section_order: list[str] | None = None
) -> str:
    view = build_view(data, language=language, section_order=section_order)
    out = [f"# {_md(view.name)}"] if view.name else []
    if view.title:
        out.append(_md(view.title))
    if view.contact:
        out.append(" · ".join(_md(c) for c in view.contact))
    for section in view.sections:
        out.append(f"## {_md(section.title)}")
        for text in (section.text, section.line):
            if text:
                out.append(_md(text))
        if section.bullets:
            out.append("\n".join(f"- {_md(b)}" for b in section.bullets))
        for entry in section.entries:
            block = [f"### {_md(entry.heading)}"]
            block += [_md(t) for t in (entry.meta, entry.links, entry.text) if t]
            out.append("\n\n".join(block))
            if entry.bullets:
                out.append("\n".join(f"- {_md(b)}" for b in entry.bullets))
    return "\n\n".join(out) + "\n"
