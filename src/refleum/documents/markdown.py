"""The extracted-text contract: typed lines in, the agreed markdown out.

``# title``, ``## heading``, ``- bullet``, plain lines, blank lines between blocks, and
``### sub-heading``: a line the document's structure marks as a heading inside a section
(a skills category, "Highlights" under a job), which labels content but never opens a
section. It stays inside its block, without blank lines around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from refleum.documents.text_clean import clean, ends_hyphenated, join_wrapped

LineKind = Literal["title", "heading", "subheading", "bullet", "text", "break"]


@dataclass
class Line:
    kind: LineKind
    text: str = ""
    # The DOCX outline level a heading came from (1 = "Heading 1"), 0 for all else.
    level: int = 0
    # A DOCX heading that is also a list item: read as a bullet if it is no heading.
    listed: bool = False


BREAK = Line("break")


def render(lines: list[Line]) -> str:
    """Markdown for ``lines``; the first title is moved to the top, later ones become headings."""
    lines = _with_title_first(lines)
    out: list[str] = []
    previous: Line | None = None
    for line in lines:
        # "# " opens a line only as the title; "#1 in region" keeps its hash.
        text = re.sub(r"^#+\s+", "", clean(line.text)) if line.kind != "break" else ""
        if line.kind == "break" or not text:
            _blank(out)
            previous = None
            continue
        if line.kind == "title":
            out.append(f"# {text}")
            _blank(out)
        elif line.kind == "heading":
            _blank(out)
            out.append(f"## {text}")
            _blank(out)
        elif line.kind == "subheading":
            out.append(f"### {text}")
        elif line.kind == "bullet":
            out.append(f"- {text}")
        elif _continues_hyphenated(previous, out, text):
            out[-1] = join_wrapped(out[-1], text)
        else:
            out.append(text)
        previous = Line(line.kind, text)
    return "\n".join(out).strip() + "\n" if any(out) else ""


def _with_title_first(lines: list[Line]) -> list[Line]:
    titles = [i for i, line in enumerate(lines) if line.kind == "title" and line.text.strip()]
    if not titles:
        return lines
    first = titles[0]
    rest = [
        Line("heading", ln.text) if ln.kind == "title" else ln
        for i, ln in enumerate(lines)
        if i != first
    ]
    return [lines[first], BREAK, *rest]


def _continues_hyphenated(previous: Line | None, out: list[str], text: str) -> bool:
    # "develop-" over "ment": one word split by the line end, so one visual line.
    return (
        previous is not None
        and previous.kind == "text"
        and ends_hyphenated(out[-1])
        and text[:1].islower()
    )


def _blank(out: list[str]) -> None:
    if out and out[-1] != "":
        out.append("")
