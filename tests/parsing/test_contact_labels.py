"""Labelled contact lines in the supported languages, postcodes that are not phones,
job-board badges after the name, and a surname set on its own line."""

from __future__ import annotations

import pytest

from refleum.parsing.contact import _find_phone, read_header
from refleum.parsing.lines import read_lines
from refleum.parsing.local_parser import parse_resume


def header(markdown: str):
    return read_header(read_lines(markdown))


@pytest.mark.parametrize(
    ("line", "field", "value"),
    [
        ("E-Mail: jana.novak@example.org", "email", "jana.novak@example.org"),
        ("Email: jana.novak@example.org", "email", "jana.novak@example.org"),
        ("Mobil: +49 151 2345 6789", "phone", "+49 151 2345 6789"),
        ("Handy: 0151 23456789", "phone", "0151 23456789"),
        ("Tel.: 030 1234567", "phone", "030 1234567"),
        ("Teléfono: +34 612 345 678", "phone", "+34 612 345 678"),
        ("Téléphone : 06 12 34 56 78", "phone", "06 12 34 56 78"),
        ("Telefone: +351 912 345 678", "phone", "+351 912 345 678"),
        ("Phone: (555) 123-4567", "phone", "(555) 123-4567"),
        ("Adresse: Musterstraße 12, 10115 Berlin", "location", "Musterstraße 12, 10115 Berlin"),
        ("Dirección: Calle Mayor 10, 28013 Madrid", "location", "Calle Mayor 10, 28013 Madrid"),
        (
            "Endereço: Rua Augusta 100, 1100-053 Lisboa",
            "location",
            "Rua Augusta 100, 1100-053 Lisboa",
        ),
    ],
)
def test_labelled_contact_lines_are_read(line, field, value):
    info = header(f"# Jana Novak\n\n{line}\n").info
    assert getattr(info, field) == value


def test_a_labelled_address_is_not_header_prose_and_its_postcode_is_no_phone():
    found = header("# Jana Novak\n\nAdresse: Musterstraße 12, 10115 Berlin\n")
    assert found.info.phone == ""
    assert found.prose == []


@pytest.mark.parametrize(
    "text",
    [
        "10115",
        "10115 Berlin",
        "75008 Paris",
        "1012 AB Amsterdam",
        "Musterstraße 12, 10115 Berlin",
        "Rua Augusta 100, 1100-053 Lisboa",
        "Springfield, IL 62704-1234",
        "ul. Prosta 1, 00-950 Warszawa",
    ],
)
def test_a_postcode_is_never_a_phone(text):
    assert _find_phone(text) == ""


def test_an_address_line_without_a_label_keeps_its_postcode_out_of_the_phone():
    info = header("# Jana Novak\n\njana@example.org | Rua Augusta 100, 1100-053 Lisboa\n").info
    assert info.phone == ""
    assert info.email == "jana@example.org"


@pytest.mark.parametrize(
    "line",
    [
        "Jane Doe Open to work",
        "Jane Doe | Open to Work",
        "Jane Doe (Premium)",
        "Jane DoeTop Applicant",
        "Jane Doe #OpenToWork",
    ],
)
def test_a_job_board_badge_is_not_part_of_the_name(line):
    assert header(f"# {line}\n\njane@example.com\n").info.name == "Jane Doe"


def test_a_surname_on_its_own_line_completes_the_name():
    info = header("# Maria\n\nGarcia Lopez\nmaria@example.com\n").info
    assert info.name == "Maria Garcia Lopez"


def test_a_surname_the_extractor_took_for_a_heading_completes_the_name():
    result = parse_resume(
        "# JANE\n\n## DOE\n\njane@example.com\n\n## Experience\n\n"
        "Engineer, Acme | 2019 – 2021\n- Led the team\n"
    )
    assert result.data.personalInfo.name == "JANE DOE"
    assert [job.company for job in result.data.workExperience] == ["Acme"]


def test_a_headline_under_the_name_is_not_a_surname():
    info = header("# Jane Doe\n\nData Engineer\njane@example.com\n").info
    assert (info.name, info.title) == ("Jane Doe", "Data Engineer")
