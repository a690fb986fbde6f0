"""The real-resume corpus is consistent: every document is labelled, hashed, sourced, licensed
and on one side of the split, and the held-out part is large enough to mean something."""

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from refleum.parsing.real_corpus import REQUIRED, SPLITS, manifest_entries, real_documents

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
ENTRIES = manifest_entries(REAL)
MIN_HELDOUT = 20


def test_the_manifest_lists_every_document_once():
    files = sorted(p.name for p in REAL.iterdir() if p.suffix in {".pdf", ".docx"})
    assert sorted(e["file"] for e in ENTRIES) == files
    assert len({e["id"] for e in ENTRIES}) == len(ENTRIES)


def test_every_label_file_belongs_to_a_document():
    labels = sorted(p.name.removesuffix(".label.json") for p in REAL.glob("*.label.json"))
    assert labels == sorted(e["id"] for e in ENTRIES)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e["id"])
def test_entry_is_complete_and_its_hash_matches(entry):
    missing = [key for key in REQUIRED if not str(entry.get(key, "")).strip()]
    assert missing == []
    assert entry["split"] in SPLITS
    assert entry["kind"] in {"pdf", "docx"}
    assert entry["file"] == f"{entry['id']}.{entry['kind']}"
    assert hashlib.sha256((REAL / entry["file"]).read_bytes()).hexdigest() == entry["sha256"]
    if entry.get("rendered_by_us"):
        assert entry.get("command", "").strip()


def test_every_label_follows_the_schema():
    # real_documents validates each label as it loads it
    assert len(real_documents(REAL)) == len(ENTRIES)


def test_held_out_part_is_large_enough():
    splits = Counter(e["split"] for e in ENTRIES)
    if len(ENTRIES) >= MIN_HELDOUT:
        assert splits["heldout"] >= MIN_HELDOUT
    assert splits["development"] > 0


def test_documents_sharing_their_text_stay_on_one_side():
    sides: dict[str, set[str]] = {}
    for entry in ENTRIES:
        sides.setdefault(entry["group"], set()).add(entry["split"])
    assert {group: s for group, s in sides.items() if len(s) > 1} == {}
