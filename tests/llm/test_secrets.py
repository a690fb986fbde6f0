import os
import stat
import threading

import pytest
from cryptography.fernet import Fernet

from refleum.llm.secrets import SECRET_FILE_NAME, SecretBox, SecretKeyError, mask


def new_key() -> str:
    return Fernet.generate_key().decode()


def test_round_trip_and_ciphertext_hides_plaintext():
    box = SecretBox.from_keys([new_key()])
    token = box.encrypt("sk-live-abcdef123456")
    assert "abcdef" not in token
    assert box.decrypt(token) == "sk-live-abcdef123456"


def test_wrong_key_gives_a_clear_error():
    token = SecretBox.from_keys([new_key()]).encrypt("secret")
    with pytest.raises(SecretKeyError, match="REFLEUM_SECRET_KEY"):
        SecretBox.from_keys([new_key()]).decrypt(token)


def test_garbage_token_gives_a_clear_error():
    with pytest.raises(SecretKeyError):
        SecretBox.from_keys([new_key()]).decrypt("not-a-token")


def test_malformed_key_is_refused():
    with pytest.raises(SecretKeyError, match="Fernet"):
        SecretBox.from_keys(["too-short"])
    with pytest.raises(SecretKeyError):
        SecretBox.from_keys([])


def test_rotation_moves_tokens_to_the_new_primary():
    old_key = new_key()
    old = SecretBox.from_keys([old_key])
    token = old.encrypt("the-api-key")
    new_key_value = new_key()
    rotated_box = old.with_new_primary(new_key_value)
    assert rotated_box.decrypt(token) == "the-api-key"  # old tokens still open
    rotated = rotated_box.rotate(token)
    assert SecretBox.from_keys([new_key_value]).decrypt(rotated) == "the-api-key"
    with pytest.raises(SecretKeyError):
        old.decrypt(rotated_box.encrypt("fresh"))  # new tokens use the new key


def test_rotate_refuses_unknown_tokens():
    foreign = SecretBox.from_keys([new_key()]).encrypt("x")
    with pytest.raises(SecretKeyError):
        SecretBox.from_keys([new_key()]).rotate(foreign)


def test_env_value_with_several_keys_first_is_primary(tmp_path):
    first, second = new_key(), new_key()
    box = SecretBox.load(f" {first} , {second},", tmp_path)
    assert box.primary_key == first
    assert SecretBox.from_keys([first]).decrypt(box.encrypt("a")) == "a"
    older = SecretBox.from_keys([second]).encrypt("b")
    assert box.decrypt(older) == "b"
    assert not (tmp_path / SECRET_FILE_NAME).exists()


def test_generated_key_file_is_private_and_stable(tmp_path):
    data_dir = tmp_path / "data"
    box = SecretBox.load(None, data_dir)
    path = data_dir / SECRET_FILE_NAME
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    token = box.encrypt("kept")
    again = SecretBox.load("", data_dir)
    assert again.decrypt(token) == "kept"
    assert [p.name for p in data_dir.iterdir()] == [SECRET_FILE_NAME]  # no temp files left


def test_existing_key_file_is_never_overwritten(tmp_path):
    key = new_key()
    (tmp_path / SECRET_FILE_NAME).write_text(key + "\n")
    assert SecretBox.load(None, tmp_path).primary_key == key
    assert (tmp_path / SECRET_FILE_NAME).read_text().strip() == key


def test_concurrent_first_starts_agree_on_one_key(tmp_path):
    keys: list[str] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            keys.append(SecretBox.load(None, tmp_path).primary_key)
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(keys) == 8 and len(set(keys)) == 1


def test_empty_key_file_is_an_error(tmp_path):
    (tmp_path / SECRET_FILE_NAME).write_text("")
    with pytest.raises(SecretKeyError, match="empty"):
        SecretBox.load(None, tmp_path)


@pytest.mark.parametrize(
    ("secret", "masked"),
    [
        ("sk-proj-abcdefghijklmnop1234", "sk-…1234"),
        ("sk-ant-api03-xxxxxxxxxxxxwxyz", "sk-…wxyz"),
        ("abcdefghijklmnop9876", "…9876"),
        ("short", "…"),
        ("sk-12345678", "…"),
        ("", ""),
    ],
)
def test_mask_shows_at_most_the_last_four(secret, masked):
    assert mask(secret) == masked
    if len(secret) >= 12:
        assert secret[:-4][3:] not in mask(secret)
