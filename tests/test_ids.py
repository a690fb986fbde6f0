"""Public ids: prefix + lowercase ULID, time-sortable, and unguessable from a neighbour."""

from __future__ import annotations

import itertools
import re

from ulid import ULID

from refleum import ids

FORMAT = re.compile(r"^res_[0-9a-hjkmnp-tv-z]{26}$")


def test_an_id_is_a_prefix_and_a_lowercase_ulid_of_now():
    before = ids._milliseconds()
    made = ids.new_id("res")
    after = ids._milliseconds()
    assert FORMAT.match(made), made
    assert before <= ULID.from_str(made[4:].upper()).milliseconds <= after


def test_ids_made_in_one_millisecond_share_no_predictable_relation(monkeypatch):
    monkeypatch.setattr(ids, "_milliseconds", lambda: 1_764_000_000_000)
    made = [ULID.from_str(ids.new_id("res")[4:].upper()) for _ in range(1000)]
    assert {u.milliseconds for u in made} == {1_764_000_000_000}
    randoms = sorted(int(u) & ((1 << 80) - 1) for u in made)
    assert len(set(randoms)) == len(randoms)
    # A monotonic generator makes neighbours differ by +1; fresh 80-bit values are on
    # average 2**70 apart, so no two should be within 2**32 of each other.
    closest = min(b - a for a, b in itertools.pairwise(randoms))
    assert closest > 2**32


def test_ids_still_sort_by_creation_millisecond(monkeypatch):
    clock = iter([1_000, 1_001, 1_002])
    monkeypatch.setattr(ids, "_milliseconds", lambda: next(clock))
    made = [ids.new_id("org") for _ in range(3)]
    assert made == sorted(made)
