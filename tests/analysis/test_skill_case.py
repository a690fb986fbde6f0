"""A skill restated mid-sentence drops the capital a JD's list gave it; a name keeps its own."""

import pytest

from refleum.analysis.skill_case import mid_sentence


@pytest.mark.parametrize(
    ("listed", "in_a_sentence"),
    [
        ("Charge nurse", "charge nurse"),
        ("Data science", "data science"),
        ("Communication skills", "communication skills"),
        ("Python", "Python"),
        ("R", "R"),
        ("AWS", "AWS"),
        ("PostgreSQL", "PostgreSQL"),
        ("English", "English"),
    ],
)
def test_common_nouns_are_lowercased_and_names_kept(listed, in_a_sentence):
    assert mid_sentence(listed) == in_a_sentence


def test_a_language_that_capitalises_nouns_keeps_every_spelling():
    assert mid_sentence("Charge nurse", lowercase_nouns=False) == "Charge nurse"
