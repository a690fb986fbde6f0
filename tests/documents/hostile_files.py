"""Hostile and broken inputs, generated in memory at test time (all small)."""

from __future__ import annotations

import io
import os
import random
import zipfile

from docx import Document
from tests.documents.tiny_pdf import Text, build_pdf


def simple_docx(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replace_part(docx: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, content if item.filename == name else source.read(item))
    return out.getvalue()


def external_entity_docx(secret_path: str) -> bytes:
    """word/document.xml declares a file:// entity and uses it in the text."""
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret_path}">]>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>Jane Doe &xxe;</w:t></w:r></w:p></w:body></w:document>"
    )
    return replace_part(simple_docx("placeholder"), "word/document.xml", xml.encode())


def zip_bomb_docx() -> bytes:
    """A DOCX whose one extra part inflates 20 MB of zeros from ~20 KB."""
    out = io.BytesIO(simple_docx("Jane Doe"))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/bomb.bin", b"\0" * (20 * 1024 * 1024))
    return out.getvalue()


def many_parts_docx(count: int = 1500) -> bytes:
    out = io.BytesIO(simple_docx("Jane Doe"))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        for index in range(count):
            archive.writestr(f"word/extra/part{index}.xml", b"<a/>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "Jane Doe, engineer")
    return out.getvalue()


def garbage_after_pdf_header() -> bytes:
    return b"%PDF-1.7\n" + os.urandom(4096)


def long_pdf(pages: int = 500) -> bytes:
    return build_pdf([[Text(40, 800, f"Entry {n + 1} of the long document")] for n in range(pages)])


PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


# Shapes that made whole-file regexes in the upload check super-linear; `size` in bytes.
def digit_run_pdf(size: int) -> bytes:
    """%PDF-, a run of digits, %%EOF: the audit's file (40 KB froze the server 8 s)."""
    return b"%PDF-1.4\n" + b"1" * size + b"\n%%EOF\n"


def whitespace_run_pdf(size: int) -> bytes:
    return b"%PDF-1.4\n1" + b" " * size + b"0 obj\n%%EOF\n"


def digits_and_spaces_pdf(size: int) -> bytes:
    return b"%PDF-1.4\n" + b"1 " * (size // 2) + b"\n%%EOF\n"


def near_miss_objects_pdf(size: int) -> bytes:
    """Every "obj" is a candidate that fails: "1 0 objx" many times over."""
    return b"%PDF-1.4\n" + b"1 0 objx" * (size // 8) + b"\n%%EOF\n"


def encrypt_fragments_pdf(size: int) -> bytes:
    return b"%PDF-1.4\n1 0 obj\n" + b"/Encrypt 1 " * (size // 11) + b"\n%%EOF\n"


def encrypt_whitespace_pdf(size: int) -> bytes:
    return b"%PDF-1.4\n1 0 obj\n/Encrypt" + b" " * size + b"1 0 R\n%%EOF\n"


def markup_declarations_docx(size: int) -> bytes:
    """A DOCX whose document.xml is "<!" over and over: the DTD check reads only its head."""
    return replace_part(simple_docx("Jane Doe"), "word/document.xml", b"<!" * (size // 2))


def central_directory_flood(size: int) -> bytes:
    """A "ZIP" that is all central-directory signatures: zipfile would loop over each."""
    return b"PK\x03\x04" + b"PK\x01\x02" * (size // 4)


_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(body: bytes) -> bytes:
    """A DOCX whose word/document.xml body is ``body`` (raw WordprocessingML)."""
    xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document '
        + _W_NS.encode()
        + b"><w:body>"
        + body
        + b"</w:body></w:document>"
    )
    return replace_part(simple_docx("placeholder"), "word/document.xml", xml)


def _words(count: int, seed: int = 7) -> list[bytes]:
    """Words drawn from a varied vocabulary, so the XML compresses like prose (a few
    times over), not like a zip bomb."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = [
        "".join(rng.choice(letters) for _ in range(rng.randint(2, 9))).encode() for _ in range(5000)
    ]
    return rng.choices(vocabulary, k=count)


def book_docx(chars: int) -> bytes:
    """One paragraph of ``chars`` characters of prose: far more text than a resume."""
    text = b" ".join(_words(chars // 6 + 1))[:chars]
    return docx_with_body(b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>")


def many_paragraphs_docx(count: int) -> bytes:
    """``count`` one-word paragraphs: little text, but each one is walked."""
    return docx_with_body(
        b"".join(b"<w:p><w:r><w:t>" + w + b"</w:t></w:r></w:p>" for w in _words(count))
    )
