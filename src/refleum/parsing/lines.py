"""The extracted-text markdown, read back into typed lines.

Extraction writes ``# title``, ``## heading``, ``### sub-heading``, ``- bullet``, plain
lines and blank lines. A sub-heading is read as a text line marked ``sub``: it labels
content inside a section (a skills category, "Courses" under a degree), never opens one.
Other bullet glyphs are accepted too, so text that skipped normalisation still parses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from refleum.analysis.grounding import normalize_for_grounding
from refleum.documents.furniture import without_furniture
from refleum.parsing.dates import ends_with_open_range, is_open_end

LineKind = Literal["title", "heading", "bullet", "text", "blank"]

_TITLE = re.compile(r"^#\s+(.*)$")
_HEADING = re.compile(r"^##\s+(.*)$")
_SUBHEADING = re.compile(r"^#{3,6}\s+(.*)$")
# En and em dashes are not bullet marks here: extraction turns bullets into "- ", and
# a line led by "— " is the wrapped rest of a "Title — Company" cell.
# ">" and "»" / "›" lead items in LaTeX classes that draw their bullet as a text glyph.
_BULLET = re.compile(
    r"^[-*+>\u00bb\u203a\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2219\u27a2\u25b8\u25ba\uf0b7\uf0a7]\s+(.*)$"
)


@dataclass(frozen=True)
class Line:
    kind: LineKind
    text: str
    sub: bool = False  # a ``###`` sub-heading: a label inside a section


def read_lines(markdown: str) -> list[Line]:
    """Classify each line of ``markdown``; ``text`` carries the line without its marker."""
    lines: list[Line] = []
    # Page furniture the extractor could not place (no geometry, or text pasted in).
    for raw in without_furniture(markdown.splitlines()):
        stripped = raw.strip()
        if _ends_wrapped_range(lines) and is_open_end(stripped):
            # "Jan 2020 –" / "Present": the range's end wrapped onto its own line.
            last = lines.pop()
            lines.append(Line(last.kind, f"{last.text} {stripped}"))
            continue
        # A line grounding folds to nothing (a lone bullet, a rule of dashes) is blank:
        # it carries no content, and text around it may be joined as if it were not there.
        if not normalize_for_grounding(stripped):
            lines.append(Line("blank", ""))
        elif match := _SUBHEADING.match(stripped):
            lines.append(Line("text", match.group(1).strip(), sub=True))
        elif match := _HEADING.match(stripped):
            lines.append(Line("heading", match.group(1).strip()))
        elif match := _TITLE.match(stripped):
            lines.append(Line("title", match.group(1).strip()))
        elif match := _BULLET.match(stripped):
            lines.append(Line("bullet", match.group(1).strip()))
        else:
            lines.append(Line("text", stripped))
    return lines


def _ends_wrapped_range(lines: list[Line]) -> bool:
    return (
        bool(lines)
        and lines[-1].kind in ("text", "bullet")
        and ends_with_open_range(lines[-1].text)
    )
