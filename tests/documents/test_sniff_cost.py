"""The upload check costs time linear in the upload, whatever shape hostile bytes take.

Measured as a ratio, not in absolute seconds: sniffing 8x the bytes may cost at most
30x the time (quadratic cost would be 64x). Each size is timed as the best of a few runs,
so a busy machine slows both sides alike.
"""

from __future__ import annotations

import time

import pytest
from tests.documents import hostile_files as hostile

from refleum.documents.errors import UnsupportedDocument
from refleum.documents.sniff import check_upload

MB = 1024 * 1024
SHAPES = {
    "digit-run": hostile.digit_run_pdf,
    "whitespace-run": hostile.whitespace_run_pdf,
    "digits-and-spaces": hostile.digits_and_spaces_pdf,
    "near-miss-objects": hostile.near_miss_objects_pdf,
    "encrypt-fragments": hostile.encrypt_fragments_pdf,
    "encrypt-whitespace": hostile.encrypt_whitespace_pdf,
    "markup-declarations-docx": hostile.markup_declarations_docx,
    "central-directory-flood": hostile.central_directory_flood,
}


def _sniff_seconds(data: bytes, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        # CPU time of this thread: a busy machine preempting the run does not inflate it.
        started = time.thread_time()
        try:
            check_upload(data)
        except UnsupportedDocument:
            pass
        best = min(best, time.thread_time() - started)
    return best


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_sniffing_hostile_bytes_costs_linear_time(shape):
    # A canary first: the quadratic regex took over a minute on 64 KB of digits here (a
    # quarter of that on 32 KB), so it fails here instead of hanging on the megabytes below.
    assert _sniff_seconds(shape(32 * 1024), runs=1) < 2.0
    small, large = _sniff_seconds(shape(1 * MB)), _sniff_seconds(shape(8 * MB))
    assert large / max(small, 1e-4) < 30, f"1 MB: {small:.4f} s, 8 MB: {large:.4f} s"


@pytest.mark.parametrize(
    "data, reason",
    [
        (hostile.digit_run_pdf(MB), "holds no PDF content"),
        (hostile.near_miss_objects_pdf(MB), "could not be checked"),
        (hostile.encrypt_fragments_pdf(MB), "could not be checked"),
        (hostile.central_directory_flood(MB), "too many parts"),
    ],
    ids=["digits", "near-miss-objects", "encrypt-fragments", "zip-flood"],
)
def test_hostile_shapes_are_refused_with_a_reason(data, reason):
    with pytest.raises(UnsupportedDocument, match=reason):
        check_upload(data)


def test_an_object_after_a_long_digit_run_is_still_found():
    data = b"%PDF-1.4\n%" + b"9" * 100_000 + b"\n1 0 obj\n<< >>\nendobj\n%%EOF\n"
    assert check_upload(data) == "pdf"


@pytest.mark.parametrize(
    "entry", [b"/Encrypt 12 0 R", b"/Encrypt<</Filter/Standard>>", b"/Encrypt\n  7  0  R"]
)
def test_encrypt_entries_are_still_recognised(entry):
    data = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< " + entry + b" >>\n%%EOF\n"
    with pytest.raises(UnsupportedDocument, match="encrypted"):
        check_upload(data)


@pytest.mark.parametrize("text", [b"1 0 objects", b"obj 1 0", b"10 obj"])
def test_what_is_not_an_object_header(text):
    with pytest.raises(UnsupportedDocument, match="holds no PDF content"):
        check_upload(b"%PDF-1.4\n%\n" + text + b"\n%%EOF\n")
