import pytest

from refleum.parsing.names import is_clearly_not_name, looks_like_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe", True),
        ("JANE DOE", True),
        ("Ludwig van Beethoven", True),
        ("Maria de la Cruz", True),
        ("jane doe", True),  # set in lowercase on purpose
        ("Teacher of Mathematics", False),
        ("Skip to content", False),
        ("Bewerbung", False),
        ("Curriculum Vitae", False),
    ],
)
def test_looks_like_name(text, expected):
    assert looks_like_name(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe", False),
        ("Jane Doe, PhD", False),
        ("\u221a", True),  # an icon glyph
        ("Resume", True),
        ("Lebenslauf", True),
        ("Enseignant en Physique", True),
    ],
)
def test_is_clearly_not_name(text, expected):
    assert is_clearly_not_name(text) is expected
