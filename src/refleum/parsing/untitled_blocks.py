"""Blocks of dated entries under no heading we can read.

Some templates draw their section titles as pictures or set them in a way extraction
cannot read, so a whole page of degrees and jobs lands under one unknown heading (a
tagline such as '10 years of experience'). A blank-line block there whose lines open
with dates ('2006 - 2010 Teacher of Mathematics', 'June 1997 Licence de Mathématiques')
is still a list of entries; what its lines name tells which: degrees and schools make it
education, job titles and employers experience.
"""

from __future__ import annotations

from refleum.parsing.dates import find_date_span, remove_span
from refleum.parsing.education_lexicon import looks_like_degree, looks_like_school
from refleum.parsing.entry_lexicon import looks_like_employer, looks_like_title
from refleum.parsing.lines import Line
from refleum.parsing.sections import Section, section_kind

_MIN_DATED_LINES = 2


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks: list[list[Line]] = [[]]
    for line in lines:
        if line.kind == "blank":
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [block for block in blocks if block]


def _date_led_rests(block: list[Line]) -> list[str]:
    rests = []
    for line in block:
        span = find_date_span(line.text)
        if span is not None and span.start == 0 and (rest := remove_span(line.text, span)):
            rests.append(rest)
    return rests


def _kind(block: list[Line]) -> str | None:
    rests = _date_led_rests(block)
    if len(rests) < _MIN_DATED_LINES:
        return None
    schooling = sum(looks_like_degree(r) or looks_like_school(r) for r in rests)
    work = sum(looks_like_title(r) or looks_like_employer(r) for r in rests)
    if schooling * 2 > len(rests) and schooling > work:
        return "education"
    if work * 2 > len(rests) and work > schooling:
        return "experience"
    return None


def untitled_sections(section: Section) -> list[Section]:
    """``section`` itself, or — when its heading is no title we know — the section with its
    blocks of dated degrees or jobs read as education or experience sections."""
    if section.kind != "custom" or section_kind(section.title):
        return [section]
    kept = Section(section.kind, section.title)
    found: list[Section] = []
    for block in _blocks(section.lines):
        kind = _kind(block)
        if kind is None:
            kept.lines.extend([*block, Line("blank", "")])
        else:
            found.append(Section(kind, "", block))  # type: ignore[arg-type]
    return [kept, *found] if found else [section]
