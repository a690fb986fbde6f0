import pytest

from refleum.parsing.skill_levels import is_level, without_level


@pytest.mark.parametrize(
    ("item", "skill"),
    [
        ("Italian Mother tongue", "Italian"),
        ("Spanish Fluent", "Spanish"),
        ("Rust (Expert)", "Rust (Expert)"),  # one item as written
        ("Swedish C1", "Swedish"),
        ("Swedish – C1", "Swedish – C1"),  # written with its level as one item
        ("Greek Niveau scolaire", "Greek"),
        ("Visual Basic", "Visual Basic"),
        ("Scrum Master", "Scrum Master"),
        ("Project Management", "Project Management"),
        ("Fluent", "Fluent"),
    ],
)
def test_without_level(item, skill):
    assert without_level(item) == skill


@pytest.mark.parametrize(
    ("item", "expected"),
    [("Native speaker", True), ("(B2)", True), ("Master", True), ("Go", False)],
)
def test_is_level(item, expected):
    assert is_level(item) is expected
