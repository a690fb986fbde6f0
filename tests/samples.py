"""Small documents built in code for API tests (the parsing corpus lives in fixtures/corpus)."""

from __future__ import annotations

import io
import zipfile
from functools import lru_cache

SAMPLE_LINES = [
    "Ana Souza",
    "Data Analyst",
    "ana.souza@example.com | +1 415 555 0100 | Lisbon, Portugal",
    "EXPERIENCE",
    "Data Analyst — Northwind Traders | Jan 2021 – Present",
    "• Built weekly revenue dashboards in Tableau used by 40 managers",
    "• Automated SQL reporting, cutting manual work by 35%",
    "EDUCATION",
    "University of Lisbon | BSc Statistics | 2016 – 2020",
    "SKILLS",
    "SQL, Python, Tableau, Excel",
]


@lru_cache
def sample_pdf() -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in SAMPLE_LINES)
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


@lru_cache
def sample_docx() -> bytes:
    from docx import Document

    document = Document()
    for line in SAMPLE_LINES:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()
