"""Refuse to render text the PDF fonts have no glyph for, instead of printing boxes.

The templates use DejaVu Sans (regular and bold), the only fonts on the machine; the
files are the ones fontconfig resolves, so the check matches what WeasyPrint embeds.
"""

from __future__ import annotations

import subprocess
import unicodedata
from functools import cache

from fontTools.ttLib import TTFont

from refleum.documents.render.errors import RenderFailed

FONT_PATTERNS = ("DejaVu Sans", "DejaVu Sans:bold")
_MAX_LISTED = 10


def _font_file(pattern: str) -> str:
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        # A server without fontconfig cannot render PDFs at all: say so, as a 503.
        raise RenderFailed(f"no font found for {pattern!r}") from exc
    return found.stdout.strip()


@cache
def covered_codepoints() -> frozenset[int]:
    """Code points every template font can show (the intersection: any text may be bold)."""
    sets = [set(TTFont(_font_file(p), lazy=True).getBestCmap()) for p in FONT_PATTERNS]
    return frozenset(set.intersection(*sets))


def _printable(char: str) -> bool:
    # Whitespace and control/format characters (ZWJ, soft hyphen…) draw no glyph.
    return not char.isspace() and unicodedata.category(char) not in {"Cc", "Cf"}


def missing_glyphs(text: str) -> list[str]:
    covered = covered_codepoints()
    return sorted({c for c in text if _printable(c) and ord(c) not in covered})


def check_glyphs(text: str) -> None:
    missing = missing_glyphs(text)
    if missing:
        shown = " ".join(f"{c} (U+{ord(c):04X})" for c in missing[:_MAX_LISTED])
        more = f" and {len(missing) - _MAX_LISTED} more" if len(missing) > _MAX_LISTED else ""
        raise RenderFailed(f"text uses characters the PDF fonts cannot show: {shown}{more}")
