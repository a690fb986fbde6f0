"""Build small purpose-made PDFs in memory: exact text placement, many pages, no text.

Used by the reading-order and hostile-file tests; everything is generated at test
time, so no binary fixture has to be committed for these cases.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, replace


@dataclass
class Text:
    x: float
    y: float
    text: str
    size: float = 10
    bold: bool = False
    in_form: bool = False  # drawn inside a Form XObject (as Chromium draws some text)
    disc_at: float | None = None  # x of a list marker drawn as a small square shape


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(texts: list[Text]) -> bytes:
    ops = []
    if any(item.in_form for item in texts):
        ops.append(b"q /Fm1 Do Q")
    for item in texts:
        if item.in_form:
            continue
        font = "F2" if item.bold else "F1"
        if item.disc_at is not None:  # a 3.5 pt square centred on the x-height
            ops.append(f"{item.disc_at:g} {item.y + item.size * 0.2:g} 3.5 3.5 re f".encode())
        ops.append(
            f"BT /{font} {item.size:g} Tf 1 0 0 1 {item.x:g} {item.y:g} Tm (".encode()
            + _escape(item.text)
            + b") Tj ET"
        )
    return b"\n".join(ops)


_IMAGE_PAGE = b"q 400 0 0 300 100 400 cm /Im1 Do Q"


def build_pdf(
    pages: list[list[Text]],
    *,
    image_only: bool = False,
    encrypt: bool = False,
) -> bytes:
    """A valid PDF with one page per entry of ``pages`` (or one image-only page)."""
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
        b"/Encoding /WinAnsiEncoding >>",
    }
    pixels = zlib.compress(bytes(range(256)) * 12)
    objects[5] = (
        b"<< /Type /XObject /Subtype /Image /Width 64 /Height 48 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length "
        + str(len(pixels)).encode()
        + b" >>\nstream\n"
        + pixels
        + b"\nendstream"
    )
    contents = [_IMAGE_PAGE] if image_only else [_content(page) for page in pages]
    kids = []
    for index, content in enumerate(contents):
        page_id, content_id, form_id = 10 + 3 * index, 11 + 3 * index, 12 + 3 * index
        kids.append(f"{page_id} 0 R")
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << "
            b"/Font << /F1 3 0 R /F2 4 0 R >> /XObject << /Im1 5 0 R "
            + f"/Fm1 {form_id} 0 R >> >> /Contents {content_id} 0 R >>".encode()
        )
        objects[content_id] = (
            f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream"
        )
        drawn = [] if image_only else pages[index]
        inner = _content([replace(t, in_form=False) for t in drawn if t.in_form])
        objects[form_id] = (
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            + f"/Length {len(inner)} >>\nstream\n".encode()
            + inner
            + b"\nendstream"
        )
    objects[2] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    trailer_extra = b""
    if encrypt:
        objects[6] = (
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 "
            b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
        )
        trailer_extra = b" /Encrypt 6 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">]"
    return assemble(objects, trailer_extra)


def assemble(objects: dict[int, bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF file around the given numbered objects (1 must be the catalog)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        if number in offsets:
            out += f"{offsets[number]:010d} 00000 n \n".encode()
        else:
            out += b"0000000000 65535 f \n"
    out += f"trailer\n<< /Size {size} /Root 1 0 R".encode() + trailer_extra
    out += f" >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
