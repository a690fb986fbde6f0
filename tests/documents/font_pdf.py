"""One-page PDFs whose fonts misbehave the way real resume fonts do.

Each run of text names its font: a base font name (e.g. "FontAwesome") and, when
needed, a ToUnicode map that overrides what some codes decode to, plus /Differences
giving codes glyph names (/ff). Built at test time with tiny_pdf.assemble.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.documents.tiny_pdf import assemble


@dataclass
class Font:
    base: str = "Helvetica"
    differences: dict[int, str] = field(default_factory=dict)  # code -> glyph name
    # code -> UTF-16BE hex the ToUnicode map gives it ("0000" = NUL); when set, every
    # other printable ASCII code maps to itself, as producers write it.
    to_unicode: dict[int, str] | None = None
    # A Type 3 font (as dvips embeds TeX bitmap fonts): no /BaseFont and no base
    # encoding, only /Differences, and a width for every code.
    type3: bool = False


@dataclass
class Run:
    x: float
    y: float
    codes: bytes
    font: int = 0
    size: float = 11


def _cmap(overrides: dict[int, str]) -> bytes:
    pairs = {code: f"{code:04X}" for code in range(32, 127)}
    pairs.update(overrides)
    body = "\n".join(f"<{code:02X}> <{hexa}>" for code, hexa in sorted(pairs.items()))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"{len(pairs)} beginbfchar\n{body}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()


def _literal(codes: bytes) -> bytes:
    return codes.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def font_pdf(fonts: list[Font], runs: list[Run]) -> bytes:
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    names = []
    for index, font in enumerate(fonts):
        font_id, cmap_id = 20 + 2 * index, 21 + 2 * index
        names.append(f"/F{index} {font_id} 0 R")
        encoding = "/WinAnsiEncoding"
        if font.differences:
            diffs = " ".join(f"{code} /{name}" for code, name in font.differences.items())
            encoding = f"<< /BaseEncoding /WinAnsiEncoding /Differences [{diffs}] >>"
        extra = ""
        if font.to_unicode is not None:
            cmap = _cmap(font.to_unicode)
            objects[cmap_id] = (
                f"<< /Length {len(cmap)} >>\nstream\n".encode() + cmap + b"\nendstream"
            )
            extra = f" /ToUnicode {cmap_id} 0 R"
        if font.type3:
            diffs = " ".join(f"{code} /{name}" for code, name in font.differences.items())
            objects[font_id] = (
                "<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] "
                "/FontMatrix [0.001 0 0 0.001 0 0] /CharProcs << >> /Resources << >> "
                f"/Encoding << /Type /Encoding /Differences [{diffs}] >>{extra} "
                f"/FirstChar 0 /LastChar 255 /Widths [{' '.join(['500'] * 256)}] >>"
            ).encode()
            continue
        objects[font_id] = (
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{font.base} /Encoding {encoding}{extra} >>"
        ).encode()
    content = b"\n".join(
        f"BT /F{run.font} {run.size:g} Tf 1 0 0 1 {run.x:g} {run.y:g} Tm (".encode()
        + _literal(run.codes)
        + b") Tj ET"
        for run in runs
    )
    objects[10] = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << "
        + " ".join(names).encode()
        + b" >> >> /Contents 11 0 R >>"
    )
    objects[11] = f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
    objects[2] = b"<< /Type /Pages /Kids [10 0 R] /Count 1 >>"
    return assemble(objects)
