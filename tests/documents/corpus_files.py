"""The labelled corpus: each document with its ground-truth ResumeData JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def corpus_documents() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".docx"))


def truth_for(document: Path) -> dict:
    return json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))


def string_values(value) -> list[str]:
    """Every non-empty string in a JSON value (dict keys excluded)."""
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, dict):
        items = value.items()
        return [s for key, v in items if key not in ("type",) for s in string_values(v)]
    if isinstance(value, list):
        return [s for v in value for s in string_values(v)]
    return []


def flatten(markdown: str) -> str:
    """Markdown as one line of text: markers dropped, lines joined by single spaces."""
    lines = [re.sub(r"^(# |## |- )", "", line) for line in markdown.splitlines()]
    return " ".join(line.strip() for line in lines if line.strip())
