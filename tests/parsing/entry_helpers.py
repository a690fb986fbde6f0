"""Entry-level helpers shared by the record and entry-structure tests."""

from refleum.parsing.entry_groups import group_entries
from refleum.parsing.lines import read_lines
from refleum.parsing.records import read_experience


def grouped_entries(markdown: str):
    return group_entries(read_lines(markdown))


def job_fields(markdown: str):
    """(title, company, location, years) of the one job ``markdown`` holds."""
    (entry,) = grouped_entries(markdown)
    job = read_experience(entry, 1)
    return job.title, job.company, job.location, job.years
