"""The built-in parser: extracted-text markdown to ResumeData, by rule, offline.

Pure and deterministic. Every string it outputs is a slice of the input (or slices that
sit next to each other in it, joined by whitespace), so ``ungrounded_values`` of its
output against its input is empty; a last check drops (with a warning) any value for
which that would not hold, so the promise does not rest on the heuristics alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from refleum.analysis.grounding import ungrounded_values
from refleum.parsing import contact
from refleum.parsing.confidence import (
    NO_EXPERIENCE_WARNING,
    confidence_warnings,
    entry_confidence,
)
from refleum.parsing.custom import read_custom_section
from refleum.parsing.dates import find_date_span
from refleum.parsing.education import read_education
from refleum.parsing.education_entries import join_split_schools
from refleum.parsing.entries import RawEntry, is_prose
from refleum.parsing.entry_groups import group_entries
from refleum.parsing.lines import Line, read_lines
from refleum.parsing.lists import skill_items
from refleum.parsing.margin_labels import split_margin_labels
from refleum.parsing.records import read_experience, read_project
from refleum.parsing.result import ParseResult
from refleum.parsing.sections import Section, split_sections
from refleum.parsing.untitled_blocks import untitled_sections
from refleum.parsing.vocabulary import looks_like_degree, looks_like_location, looks_like_role
from refleum.resume_caps import fit_to_caps
from refleum.resume_data import ResumeData, custom_section_key

UNGROUNDED_WARNING = "dropped values not found in the document"
_INDEX = re.compile(r"\[(\d+)\]")


def _paragraphs(lines: list[Line]) -> str:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, Line("blank", "")]:
        if line.kind == "blank":
            if current:
                paragraphs.append(" ".join(current))
            current = []
        else:
            current.append(line.text)
    return "\n\n".join(paragraphs)


def _is_lone_line(entry: RawEntry) -> bool:
    return len(entry.header) == 1 and not entry.bullets and not find_date_span(entry.header[0])


def _take_headline(data: ResumeData, entries: list[RawEntry]) -> list[RawEntry]:
    """In a two-column page the headline under the name can land after the sidebar's
    last section: a lone role-like line closing a section is the headline, not an entry."""
    if (
        len(entries) > 1
        and not data.personalInfo.title
        and _is_lone_line(entries[-1])
        and looks_like_role(entries[-1].header[0])
        and not is_prose(entries[-1].header[0])
    ):
        data.personalInfo.title = entries[-1].header[0]
        return entries[:-1]
    return entries


def _attach_notes(entries: list[RawEntry]) -> list[RawEntry]:
    """A lone undated line that is not a degree, set apart between two degrees
    ('Articles Editor, Law Review'), describes the degree above it."""
    kept: list[RawEntry] = []
    for entry in entries:
        if (
            kept
            and not kept[-1].bullets
            and _is_lone_line(entry)
            and not looks_like_degree(entry.header[0])
        ):
            kept[-1].header.append(entry.header[0])
        else:
            kept.append(entry)
    return kept


def _is_dated(entry: RawEntry) -> bool:
    return any(find_date_span(text) for text in entry.header)


def _take_contact_block(data: ResumeData, entries: list[RawEntry]) -> list[RawEntry]:
    """An undated first entry that holds contact details, ahead of dated entries, is the
    document's own header that a title set as a section heading ('# Experience' at the
    top) pulled into the section: its lines are read as contact details."""
    first = entries[0] if entries else None
    if (
        first is None
        or _is_dated(first)
        or not any(_is_dated(entry) for entry in entries[1:])
        or not any(contact.is_contact_text(text) for text in first.header)
    ):
        return entries
    lines = [Line("text", text) for text in [*first.header, *first.bullets]]
    _read_header(data, Section("header", "", lines))
    return entries[1:]


def _append_entries(data: ResumeData, target: list, lines: list[Line], reader: Callable) -> None:
    entries = _take_headline(data, group_entries(lines))
    entries = _take_contact_block(data, entries)
    if reader is read_education:
        entries = join_split_schools(_attach_notes(entries))
    for entry in entries:
        target.append(reader(entry, len(target) + 1))


def _add_custom(data: ResumeData, section: Section) -> None:
    custom = read_custom_section(section.title, section.lines)
    if custom is None:
        return
    key = custom_section_key(section.title) or "section"
    unique, suffix = key, 2
    while unique in data.customSections:
        unique, suffix = f"{key}_{suffix}", suffix + 1
    data.customSections[unique] = custom


def _read_header(data: ResumeData, section: Section) -> list[str]:
    """Fill personal details from a header block; return its lines that are not details.
    A later header (a two-column page with the name under the sidebar) never overwrites
    what an earlier one found."""
    header = contact.read_header(section.lines)
    info = data.personalInfo
    for field, value in header.info.model_dump().items():
        if value and not getattr(info, field):
            setattr(info, field, value)
    return header.prose


def _read_contact_section(data: ResumeData, lines: list[Line]) -> None:
    info = data.personalInfo
    for line in lines:
        if line.kind == "blank":
            continue
        if (
            not info.title
            and not contact.is_contact_text(line.text)
            and looks_like_role(line.text)
            and not looks_like_location(line.text)
        ):
            info.title = line.text  # a sidebar that holds the headline with the contacts
        else:
            contact.read_contact_line(info, line.text)


def _read_section(data: ResumeData, section: Section) -> None:
    extra = data.additional
    if section.kind in ("summary", "custom") and not (data.workExperience or data.education):
        # A sidebar block above the entries ("Details", "About") may carry the phone and
        # email; later blocks (references) carry other people's.
        # The block itself stays whole: its text is joined into one grounded passage.
        contact.read_contact_lines(data.personalInfo, section.lines)
    match section.kind:
        case "contact":
            _read_contact_section(data, section.lines)
        case "summary":
            # A second summary block is not joined to the first: the joined text would
            # not occur in the document.
            data.summary = data.summary or _paragraphs(section.lines)
        case "experience":
            _append_entries(data, data.workExperience, section.lines, read_experience)
        case "education":
            _append_entries(data, data.education, section.lines, read_education)
        case "projects":
            _append_entries(data, data.personalProjects, section.lines, read_project)
        case "skills":
            extra.technicalSkills.extend(skill_items(section.lines))
        case "languages":
            extra.languages.extend(skill_items(section.lines))
        case "certifications":
            extra.certificationsTraining.extend(skill_items(section.lines, credentials=True))
        case "awards":
            extra.awards.extend(skill_items(section.lines, credentials=True))
        case "custom":
            _add_custom(data, section)


def _without_ungrounded(data: ResumeData, markdown: str, warnings: list[str]) -> ResumeData:
    """The last guard of the grounding promise: a value the heuristics cut badly (a
    slice through a word) is dropped, never shipped. Tests assert it never fires on
    realistic text."""
    ungrounded = ungrounded_values(data, markdown)
    if not ungrounded:
        return data
    warnings.append(f"{UNGROUNDED_WARNING}: {[path for path, _ in ungrounded]}")
    tree = data.model_dump()
    for path, _ in ungrounded:
        _blank(tree, path)
    return ResumeData.model_validate(_without_blank_items(tree))


def _blank(tree: dict, path: str) -> None:
    steps: list[str | int] = []
    for segment in path.split("."):  # 'items[0]' -> 'items', 0; keys hold no '.' or '['
        name, _, indexes = segment.partition("[")
        steps.append(name)
        steps.extend(int(index) for index in _INDEX.findall(f"[{indexes}" if indexes else ""))
    node = tree
    for step in steps[:-1]:
        node = node[step]
    node[steps[-1]] = ""


def _without_blank_items(node):
    if isinstance(node, dict):
        return {key: _without_blank_items(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_without_blank_items(item) for item in node if item != ""]
    return node


def parse_resume(markdown: str) -> ParseResult:
    """Parse extracted-text markdown into ResumeData, with warnings for what was skipped."""
    warnings: list[str] = []
    sections = [
        part
        for section in split_sections(split_margin_labels(read_lines(markdown)))
        for part in untitled_sections(section)
    ]
    data = ResumeData()
    prose: list[str] = []
    for section in sections:
        if section.kind == "header":
            prose.extend(_read_header(data, section))
        else:
            _read_section(data, section)
    if not data.summary:
        data.summary = next((text for text in prose if is_prose(text)), "")
    data = _without_ungrounded(data, markdown, warnings)
    data, cut = fit_to_caps(data)  # a huge document still parses, cut to the caps
    warnings += cut
    skipped = [text for text in prose if not is_prose(text)]
    if skipped:
        warnings.append(f"{len(skipped)} header line(s) not recognised: {skipped[:3]}")
    if not data.personalInfo.name:
        warnings.append("no name found at the top of the document")
    if all(section.kind == "header" for section in sections):
        warnings.append("no section headings found")
    if not data.workExperience:
        warnings.append(NO_EXPERIENCE_WARNING)
    entries = entry_confidence(data)
    warnings.extend(confidence_warnings(entries))
    return ParseResult(data=data, warnings=warnings, entries=entries)
