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
from refleum.parsing.entry_repairs import is_stray_letters
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


def _strip_stray_cell(line: Line) -> Line:
    """'c n | Septembre 2007 Licence…': letters of a title set vertically in a margin, cut
    into the line beside them; the line is what follows them."""
    head, separator, rest = line.text.partition(" | ")
    # Single characters only: letters, and the '&' of a title such as 'Diplômes & …'.
    if separator and rest and head.split() and all(len(c) == 1 for c in head.split()):
        return Line(line.kind, rest)
    return line


def untitled_sections(section: Section) -> list[Section]:
    """``section`` itself, or — when its heading is no title we know, or it is the page's
    header with no heading at all below it — the section with its blocks of dated degrees
    or jobs read as education or experience sections."""
    untitled = section.kind == "header" or (
        section.kind == "custom" and not section_kind(section.title)
    )
    if not untitled:
        return [section]
    kept = Section(section.kind, section.title)
    found: list[Section] = []
    for block in _blocks(section.lines):
        kind = _kind([_strip_stray_cell(line) for line in block])
        if kind is None:
            kept.lines.extend([*block, Line("blank", "")])
        else:
            lines = [_strip_stray_cell(line) for line in block if not is_stray_letters(line.text)]
            found.append(Section(kind, "", lines))  # type: ignore[arg-type]
    return [kept, *found] if found else [section]
