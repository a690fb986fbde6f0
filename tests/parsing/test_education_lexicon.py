"""The education lexicon: kinds of degree and of school in seven languages."""

from __future__ import annotations

import pytest

from refleum.parsing.education_lexicon import labelled_value, looks_like_degree, looks_like_school


@pytest.mark.parametrize(
    "text",
    [
        "Mestrado em Engenharia Civil",
        "Erstes Staatsexamen Lehramt",
        "Laurea magistrale in Fisica",
        "Maîtrise de lettres modernes",
        "CAPES Mathématiques",
        "Dipl.-Ing. Maschinenbau",
        "HND Business",
        "A levels: Maths, Physics",
        "Informatikstudium",
        "Berufsausbildung zum Koch",
    ],
)
def test_degrees_in_other_languages_and_abbreviations(text):
    assert looks_like_degree(text)


@pytest.mark.parametrize(
    "text",
    [
        "Realschule am Park",
        "Hogeschool Noord",
        "Lycée Jean Moulin",
        "IUFM Ville",
        "Ateneo di Roma",
        "TU Musterstadt",
        "FH Nordstadt",
        "Universitaet Musterstadt",
    ],
)
def test_kinds_of_school_and_german_compounds(text):
    assert looks_like_school(text)


@pytest.mark.parametrize(
    "text", ["Software Engineer", "Schulz GmbH", "Acme Corp", "the 4th tu of the month"]
)
def test_jobs_and_employers_are_neither(text):
    assert not looks_like_school(text)
    assert not looks_like_degree(text)


def test_labelled_values():
    assert labelled_value("Abschluss: Diplom") == ("degree", "Diplom")
    assert labelled_value("School: Lycée Jean Moulin") == ("institution", "Lycée Jean Moulin")
    assert labelled_value("Evening class: Chinese") is None
    assert labelled_value("Thesis: Rivers of the North") == ("note", "Rivers of the North")
