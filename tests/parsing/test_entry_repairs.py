"""Repairs after grouping (issue #12): cuts only visible once a section's entries are known."""

import pytest
from tests.parsing.entry_helpers import grouped_entries

from refleum.parsing.records import read_experience


@pytest.mark.parametrize(
    "markdown",
    [
        # Employer in large type, a gap, then the role with its dates on one line.
        "Northwind Traders\n\nSupply Planner | 2016 – 2019 | http://example.com\n\n- Planned",
        # Employer, role and dates each a block of their own.
        "Northwind Traders\n\nSupply Planner\n\n2016 – 2019\n\n- Planned",
    ],
)
def test_an_employer_set_apart_above_its_role_is_the_same_entry(markdown):
    (entry,) = grouped_entries(markdown)
    job = read_experience(entry, 1)
    assert (job.title, job.company, job.years) == (
        "Supply Planner",
        "Northwind Traders",
        "2016 – 2019",
    )
    assert "Planned" in job.description


def test_a_lone_line_above_a_whole_header_stays_apart():
    # The entry below already names degree and school: the line above is not its school.
    markdown = "Moot Court Board, Member\n\nBA History, Example State University\n1997 – 2001"
    entries = grouped_entries(markdown)
    assert [entry.header[0] for entry in entries] == [
        "Moot Court Board, Member",
        "BA History, Example State University",
    ]


def test_a_lone_line_does_not_join_an_undated_entry():
    entries = grouped_entries("Northwind Traders\n\nSupply Planner\n\n- Planned")
    assert len(entries) == 2
