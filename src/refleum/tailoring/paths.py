"""Edit paths over a ResumeData: parse, read, write (as a new model) and the allow-list.

A path is the contract's camelCase field names joined by dots, each optionally followed
by list indexes: ``workExperience[2].description[1]``, ``personalInfo.title``,
``customSections.publications.items[0].description[1]``. ``sections`` is the one
pseudo-path: the top-level section order, which lives beside the resume, not in it.

The allow-list is explicit: a path not matched by one of its patterns is blocked. Names,
contact details, employers, institutions, degrees, dates, locations, entry titles,
certifications, awards and languages are facts, so no edit may touch them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from refleum.resume_data import ResumeData

PathPart = str | int

SECTIONS_PATH = "sections"
SKILLS_PATH = "additional.technicalSkills"
STANDARD_SECTIONS = ("summary", "workExperience", "education", "personalProjects", "additional")

_SEGMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)")
_INDEX = re.compile(r"\[(\d+)\]")
_MAX_PATH_LENGTH = 300

# Patterns over the canonical path text, where every index is written as [N].
_KEY = r"[A-Za-z0-9_]+"
_BULLET_LISTS = (
    r"workExperience\[\d+\]\.description",
    r"personalProjects\[\d+\]\.description",
    rf"customSections\.{_KEY}\.items\[\d+\]\.description",
)
_REPLACEABLE = re.compile(
    "|".join(
        [
            r"summary",
            r"personalInfo\.title",
            r"additional\.technicalSkills\[\d+\]",
            *(rf"{bullets}\[\d+\]" for bullets in _BULLET_LISTS),
        ]
    )
)
_REORDERABLE = re.compile(
    "|".join(
        [
            *_BULLET_LISTS,
            r"workExperience",
            r"education",
            r"personalProjects",
            rf"customSections\.{_KEY}\.items",
            r"additional\.technicalSkills",
            SECTIONS_PATH,
        ]
    )
)


class PathError(ValueError):
    """A path that does not parse or does not name anything in the resume."""


def parse_path(path: str) -> tuple[PathPart, ...]:
    """``"workExperience[2].description[1]"`` -> ``("workExperience", 2, "description", 1)``."""
    if not isinstance(path, str) or not path or len(path) > _MAX_PATH_LENGTH:
        raise PathError("path must be a non-empty string of at most 300 characters")
    parts: list[PathPart] = []
    for segment in path.split("."):
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            raise PathError(f"cannot parse path segment {segment!r}")
        parts.append(match.group(1))
        parts += [int(index) for index in _INDEX.findall(match.group(2))]
    return tuple(parts)


def format_path(parts: tuple[PathPart, ...]) -> str:
    """The canonical text of parsed parts (the inverse of :func:`parse_path`)."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def editable_reason(path: str, action: str) -> str | None:
    """None when ``action`` may change ``path``; else why it may not."""
    try:
        canonical = format_path(parse_path(path))
    except PathError as error:
        return f"unparseable path: {error}"
    if action not in ("replace", "reorder"):
        return f"unknown action {action!r}"
    allowed = _REPLACEABLE if action == "replace" else _REORDERABLE
    if allowed.fullmatch(canonical):
        return None
    other = _REORDERABLE if action == "replace" else _REPLACEABLE
    if other.fullmatch(canonical):
        return f"{canonical} cannot be changed by {action!r}"
    return (
        f"{canonical} is a blocked field: only bullets, summary, headline and orders are editable"
    )


def section_names(resume: ResumeData) -> list[str]:
    """The sections a ``sections`` reorder permutes, in their current order."""
    return [*STANDARD_SECTIONS, *(f"customSections.{key}" for key in resume.customSections)]


def is_editable(path: str, action: str) -> bool:
    return editable_reason(path, action) is None


class LineKind(StrEnum):
    TITLE = "title"  # personalInfo.title, the headline
    SUMMARY = "summary"
    BULLET = "bullet"  # a description line of a job, a project or a custom-section item
    SKILL = "skill"  # one item of additional.technicalSkills


# Free text: what a pass that rewrites wording (not names of skills) may touch.
PROSE = frozenset({LineKind.TITLE, LineKind.SUMMARY, LineKind.BULLET})


@dataclass(frozen=True)
class EditableLine:
    path: str
    text: str
    kind: LineKind
    owner: str | None = None  # a bullet's entry, e.g. "workExperience[2]", for context


def editable_lines(resume: ResumeData) -> list[EditableLine]:
    """Every line of ``resume`` a "replace" edit may change, in reading order.

    The one list every engine and pass works from (the local engine's rewording, the
    LLM engine's prompt, the AI-phrase pass), so none of them misses a line the truth
    guard would accept: exactly the paths the "replace" allow-list matches. The headline
    and summary are listed even when empty, since an edit may write them.
    """
    lines = [
        EditableLine("personalInfo.title", resume.personalInfo.title, LineKind.TITLE),
        EditableLine("summary", resume.summary, LineKind.SUMMARY),
    ]
    owners: list[tuple[str, list[str]]] = [
        *((f"workExperience[{i}]", job.description) for i, job in enumerate(resume.workExperience)),
        *(
            (f"personalProjects[{i}]", project.description)
            for i, project in enumerate(resume.personalProjects)
        ),
        *(
            (f"customSections.{key}.items[{i}]", item.description)
            for key, section in resume.customSections.items()
            for i, item in enumerate(section.items)
        ),
    ]
    for owner, bullets in owners:
        lines += [
            EditableLine(f"{owner}.description[{j}]", text, LineKind.BULLET, owner)
            for j, text in enumerate(bullets)
        ]
    lines += [
        EditableLine(f"{SKILLS_PATH}[{j}]", text, LineKind.SKILL)
        for j, text in enumerate(resume.additional.technicalSkills)
    ]
    return lines


def get_value(resume: ResumeData, path: str) -> Any:
    """The value at ``path`` (a str, a list or a nested dict); PathError when absent."""
    node: Any = resume.model_dump()
    for part in parse_path(path):
        node = _step(node, part, path)
    return node


def set_value(resume: ResumeData, path: str, value: Any) -> ResumeData:
    """A new resume with ``value`` at ``path``; the input is never mutated."""
    parts = parse_path(path)
    data = resume.model_dump()
    node: Any = data
    for part in parts[:-1]:
        node = _step(node, part, path)
    _step(node, parts[-1], path)  # the target must exist: no path creates a field
    node[parts[-1]] = value
    return ResumeData.model_validate(data)


def has_path(resume: ResumeData, path: str) -> bool:
    try:
        get_value(resume, path)
    except PathError:
        return False
    return True


def _step(node: Any, part: PathPart, path: str) -> Any:
    if isinstance(part, int):
        if isinstance(node, list) and 0 <= part < len(node):
            return node[part]
    elif isinstance(node, dict) and part in node:
        return node[part]
    raise PathError(f"{path} does not exist in the resume")
