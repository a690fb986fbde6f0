import pytest

from refleum.parsing.contact import (
    is_contact_only,
    read_contact_line,
    read_contact_lines,
    read_header,
)
from refleum.parsing.lines import read_lines
from refleum.parsing.local_parser import parse_resume
from refleum.resume_data import PersonalInfo


def _header(markdown: str):
    return read_header(read_lines(markdown))


def test_name_title_and_pipe_separated_contacts():
    header = _header(
        "# Jane Doe\nSenior Software Engineer\n"
        "jane.doe@example.com | (555) 123-4567 | Seattle, WA | "
        "linkedin.com/in/janedoe | github.com/janedoe | https://jane.dev\n"
    )
    assert header.info.model_dump() == {
        "name": "Jane Doe",
        "title": "Senior Software Engineer",
        "email": "jane.doe@example.com",
        "phone": "(555) 123-4567",
        "location": "Seattle, WA",
        "website": "https://jane.dev",
        "linkedin": "linkedin.com/in/janedoe",
        "github": "github.com/janedoe",
    }


def test_middle_dot_separators_and_international_phone_kept_as_written():
    info = _header(
        "# Björn Lindqvist\nbjorn@lindqvist.dev · +46 70 123 45 67 · "
        "Stockholm, Sweden · lindqvist.dev\n"
    ).info
    assert (info.phone, info.location, info.website) == (
        "+46 70 123 45 67",
        "Stockholm, Sweden",
        "lindqvist.dev",
    )


def test_name_without_title_marker_and_labelled_contacts():
    info = _header("Jane Doe\nEmail: jane@x.org\nPhone: +44 20 7946 0958\n").info
    assert (info.name, info.email, info.phone) == ("Jane Doe", "jane@x.org", "+44 20 7946 0958")


def test_name_and_title_on_one_line():
    info = _header("# Jane Doe | Data Engineer\njane@x.org\n").info
    assert (info.name, info.title) == ("Jane Doe", "Data Engineer")


def test_line_that_is_not_a_role_or_contact_is_left_as_prose():
    header = _header(
        "# Jane Doe\njane@x.org\nI build reliable systems for payments and "
        "have done so for many years at several companies.\n"
    )
    assert header.info.title == ""
    assert len(header.prose) == 1


def test_contact_line_wrapped_with_trailing_separator():
    info = PersonalInfo()
    read_contact_line(info, "h@example.de · +49 151 2345 6789 · Munich, Germany ·")
    read_contact_line(info, "linkedin.com/in/hannah")
    assert (info.email, info.phone, info.location, info.linkedin) == (
        "h@example.de",
        "+49 151 2345 6789",
        "Munich, Germany",
        "linkedin.com/in/hannah",
    )


def test_years_are_not_read_as_a_phone_number():
    info = PersonalInfo()
    read_contact_line(info, "2019 – 2021 | Remote")
    assert info.phone == ""
    assert info.location == "Remote"


def test_contacts_on_the_name_line():
    info = _header("# Jane Doe | Data Engineer | jane@x.org | +1 415 555 0199\n").info
    assert (info.name, info.title, info.email, info.phone) == (
        "Jane Doe",
        "Data Engineer",
        "jane@x.org",
        "+1 415 555 0199",
    )


def test_document_title_is_not_the_name():
    assert _header("Curriculum Vitae\nAna Souza\nana@x.org\n").info.name == "Ana Souza"


@pytest.mark.parametrize(
    ("markdown", "name"),
    [
        # A tagline set as the title, the name on a line below with more after it.
        ("# Teacher of Physics\n\nJohn SMITH | 40 years\nj@x.org\n", "John SMITH"),
        ("# Teacher of Physics\n\n38 years\nJohn SMITH | Single\nj@x.org\n", "John SMITH"),
        # A document title, then the name.
        ("# Bewerbung\n\nMaria Muster\nStraße 1\nmaria@x.de\n", "Maria Muster"),
        # An icon glyph as the title.
        ("# \u221a\n\nJohn Smith\nj@x.org\n", "John Smith"),
        # An icon glyph under the name is not a surname.
        ("# John Smith\n\nN\nj@x.org\n", "John Smith"),
        # The name run straight into the address.
        ("# Teacher of Physics\n\nJohn SMITH 3, Main Street - Tel. 0556313233\n", "John SMITH"),
    ],
)
def test_name_found_below_a_title_that_is_not_one(markdown, name):
    assert _header(markdown).info.name == name


def test_title_that_may_be_a_name_stays_the_name():
    assert _header("# Jane Doe, PhD\nData Engineer\njane@x.org\n").info.name == "Jane Doe, PhD"


@pytest.mark.parametrize(
    ("line", "email", "phone"),
    [
        # One fragment set with single spaces: the phone is not in the first piece.
        ("Location jane@x.org (609) 555-0143 jane.doe jane.doe", "jane@x.org", "(609) 555-0143"),
        # A vanity number after a phone label, behind a separator.
        ("12 Main Street | TEL: 888-PUCK", "", "888-PUCK"),
        ("Tel: 1-800-FLOWERS", "", "1-800-FLOWERS"),
    ],
)
def test_every_piece_of_a_contact_line_is_read(line, email, phone):
    info = PersonalInfo()
    read_contact_line(info, line)
    assert (info.email, info.phone) == (email, phone)


def test_labelled_phone_after_a_separator_is_contact_text():
    assert _header("# Jane Doe\n\n12 Main Street | TEL: 888-PUCK\n").info.phone == "888-PUCK"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(555) 123-4567", True),
        ("jane@x.org · jane.dev", True),
        ("Call me at (555) 123-4567 any time", False),
        ("I build things", False),
        # Labelled details, alone or side by side: still nothing but details.
        ("Phone: (555) 123-4567", True),
        ("Email: jane@x.org | Website: jane.dev", True),
        ("Address: 12 Main Street", False),
        ("Phone: call me after six", False),
    ],
)
def test_is_contact_only(text, expected):
    assert is_contact_only(text) is expected


def test_contact_lines_are_read_but_a_wrapped_email_is_not():
    info = PersonalInfo()
    lines = read_lines("Some Street 7\njane@mail.c\nom\n(555) 123-4567\nI like maps.\n")
    read_contact_lines(info, lines)
    assert (info.email, info.phone) == ("", "(555) 123-4567")


def test_labelled_details_under_the_summary_are_read():
    # An HTML theme prints "Phone:" and "Email:" under "About", before the entries.
    parsed = parse_resume(
        "# Jane Roe\n\n## About\n\nJane builds maps.\nPhone: (555) 123-4567\n"
        "Email: jane@example.org\n\n## Experience\n\nCartographer | 2019 – 2021\n"
    ).data
    assert (parsed.personalInfo.email, parsed.personalInfo.phone) == (
        "jane@example.org",
        "(555) 123-4567",
    )


def test_a_headline_after_the_name_and_a_comma_is_the_title():
    info = _header("# Jane Roe, Data Engineer\n\njane@example.org\n").info
    assert (info.name, info.title) == ("Jane Roe", "Data Engineer")
    # A surname written first keeps its comma: the given name is no job title.
    assert _header("# Roe, Jane\n\njane@example.org\n").info.name == "Roe, Jane"
