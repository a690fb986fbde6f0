"""The real-resume corpus (tests/fixtures/real): its manifest, documents and labels.

The manifest says, for every document, where it came from (registry, package, version, path,
licence), its sha256, producer, language, page count and whether it is held out. Held-out
documents exist to measure the parser, never to tune it: look at their failures only in
aggregate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from refleum.parsing.label_accuracy import load_label

MANIFEST = "manifest.json"
SPLITS = ("heldout", "development")
REQUIRED = (
    "id",
    "file",
    "kind",
    "sha256",
    "registry",
    "package",
    "version",
    "path_in_package",
    "licence",
    "producer",
    "template",
    "language",
    "split",
)


@dataclass(frozen=True)
class RealDocument:
    id: str
    kind: str  # "pdf" or "docx"
    path: Path
    label: dict
    entry: dict  # the document's manifest entry

    @property
    def split(self) -> str:
        return self.entry["split"]

    @property
    def pages(self) -> int:
        return self.entry.get("pages") or 1


def manifest_entries(folder: Path) -> list[dict]:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["documents"]


def real_documents(folder: Path) -> list[RealDocument]:
    """Every document in the manifest with its label, in manifest order."""
    return [
        RealDocument(
            entry["id"],
            entry["kind"],
            folder / entry["file"],
            load_label(folder / f"{entry['id']}.label.json"),
            entry,
        )
        for entry in manifest_entries(folder)
    ]
