"""Argon2id password hashes and the length rule."""

from __future__ import annotations

import pytest
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from refleum.errors import ValidationFailed
from refleum.web import passwords


def test_a_hash_is_argon2id_and_verifies_only_its_password():
    stored = passwords.hash_password("a long enough one")
    assert stored.startswith("$argon2id$")
    assert passwords.verify("a long enough one", stored) == (True, None)
    assert passwords.verify("a long enough two", stored) == (False, None)
    assert not passwords.needs_rehash(stored)


@pytest.mark.parametrize(
    "password,message",
    [("x" * 9, "at least 10"), ("x" * 1025, "at most 1,024")],
    ids=["too-short", "too-long"],
)
def test_the_length_rule_has_a_clear_message(password, message):
    with pytest.raises(ValidationFailed, match=message):
        passwords.hash_password(password)


def test_the_length_bounds_themselves_are_allowed():
    for length in (10, 1024):
        assert passwords.verify("y" * length, passwords.hash_password("y" * length))[0]


def test_a_hash_with_weaker_parameters_is_replaced_at_sign_in():
    weak = PasswordHash((Argon2Hasher(time_cost=1, memory_cost=8192),)).hash("a long enough one")
    assert passwords.needs_rehash(weak)
    ok, new_hash = passwords.verify("a long enough one", weak)
    assert ok and new_hash and not passwords.needs_rehash(new_hash)


def test_no_stored_hash_still_costs_a_password_check(monkeypatch):
    calls = []
    real = passwords.hasher.verify
    monkeypatch.setattr(passwords.hasher, "verify", lambda p, h: calls.append(h) or real(p, h))
    assert passwords.verify("whatever it is", None) == (False, None)
    assert calls and calls[0].startswith("$argon2id$")
