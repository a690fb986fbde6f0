"""Page furniture (page numbers, numbered running footers) never reaches the parse as
content: on 3-page PDFs where positions are known, and in text without positions."""

from __future__ import annotations

import pytest
from tests.documents.tiny_pdf import Text, build_pdf

from refleum.documents.extract import extract_markdown
from refleum.documents.furniture import (
    is_explicit_page_number,
    is_page_number,
    masked,
    without_furniture,
)
from refleum.parsing.local_parser import parse_resume


def _job(y: float, company: str) -> list[Text]:
    return [
        Text(40, y, f"Engineer, {company} | 2019 - 2021", 11, True),
        Text(40, y - 18, "- Built the billing platform used by every team"),
    ]


def three_pages(footer: str) -> bytes:
    """One job per page; ``footer`` (with {n} for the page) at the foot of each."""
    pages = [
        [Text(40, 800, "Jane Doe", 22, True), Text(40, 760, "Experience", 14, True)]
        + _job(730, "Acme"),
        _job(800, "Globex"),
        _job(800, "Initech"),
    ]
    for number, page in enumerate(pages, start=1):
        page.append(Text(40, 30, footer.format(n=number)))
        page.append(Text(300, 15, f"{number}/3"))
    return build_pdf(pages)


@pytest.mark.parametrize(
    "footer", ["Jane Doe · Résumé | {n}", "Jane Doe – {n}/3", "Jane Doe, CV - Seite {n}"]
)
def test_numbered_footers_and_page_numbers_leave_the_pdf_text(footer):
    markdown = extract_markdown(three_pages(footer), "pdf").markdown
    assert "Jane Doe" not in markdown.replace("# Jane Doe", "")
    assert "/3" not in markdown
    jobs = parse_resume(markdown).data.workExperience
    assert [job.company for job in jobs] == ["Acme", "Globex", "Initech"]


@pytest.mark.parametrize(
    "line", ["1/3", "2 / 3", "Page 2 of 3", "Seite 2", "Seite 2 von 3", "- 2 -", "Página 2 de 3"]
)
def test_page_number_lines(line):
    assert is_page_number(line) and is_explicit_page_number(line)


@pytest.mark.parametrize("line", ["2019 – 2021", "Python 3", "Top 5 of 300 sellers", "2020"])
def test_content_is_not_a_page_number(line):
    assert not is_explicit_page_number(line)


def test_a_year_is_never_masked_as_a_page_number():
    assert masked("Engineer 2019 – 2021") == "engineer 2019 – 2021"
    assert masked("Jane Doe · Résumé | 2") == masked("Jane Doe · Résumé | 3")


def test_text_without_positions_loses_its_footers_but_not_its_content():
    lines = [
        "Engineer, Acme | 2019 – 2021",
        "Jane Doe · Résumé | 1",
        "Page 1 of 2",
        "Engineer, Globex | 2021 – 2023",
        "Jane Doe · Résumé | 2",
        "Python 3",
        "Python 2",
        "Team of 5",
    ]
    assert without_furniture(lines) == [
        "Engineer, Acme | 2019 – 2021",
        "Engineer, Globex | 2021 – 2023",
        "Python 3",
        "Python 2",
        "Team of 5",
    ]


def test_footers_in_pasted_text_do_not_become_jobs():
    markdown = (
        "# Jane Doe\n\n## Experience\n\nEngineer, Acme | 2019 – 2021\n- Built billing\n"
        "John Doe – 1/3\n\nEngineer, Globex | 2021 – 2023\n- Ran the platform\n"
        "John Doe – 2/3\n\nEngineer, Initech | 2023 – Present\n- Led the team\nJohn Doe – 3/3\n"
    )
    jobs = parse_resume(markdown).data.workExperience
    assert [job.company for job in jobs] == ["Acme", "Globex", "Initech"]


def test_a_year_opening_two_pages_is_content_not_a_running_head():
    # Issue #12: a timeline prints an entry's years on two lines ("2011" over "2014"); when
    # page breaks put "2014" at the top of two pages it is still the entries' date.
    pages = [
        [Text(40, 800, "Jane Doe", 22, True), Text(40, 760, "Awards", 14, True)]
        + [Text(40, 740, "Design Prize"), Text(40, 30, "2011")],
        [Text(40, 800, "2014"), Text(40, 780, "Civic Medal"), Text(40, 30, "2012")],
        [Text(40, 800, "2014"), Text(40, 780, "Bridge Award")],
    ]
    lines = extract_markdown(build_pdf(pages), "pdf").markdown.splitlines()
    assert lines.count("2014") == 2
