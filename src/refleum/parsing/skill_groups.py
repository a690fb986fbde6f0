"""Skill groups printed without a skills heading: name, level, then keyword chips.

JSON Resume themes print each skill as its name ("Frontend"), its level on a line
of its own ("Advanced") and its keywords side by side ("HTML SVG Typescript"); some print no
"Skills" title over them, and set the name and the chips large enough to look like
headings. The shape itself (a line, a proficiency level, a line of chips) says skills.
"""

from __future__ import annotations

from typing import Literal

from refleum.parsing.lines import Line
from refleum.parsing.lists import chips
from refleum.parsing.skill_levels import is_level

Role = Literal["name", "level", "chips"]
_MAX_NAME_WORDS = 4


def skill_groups(lines: list[Line]) -> dict[int, Role]:
    """Index -> role of every line in a 'name / level / chips' run of three."""
    content = [i for i, line in enumerate(lines) if line.kind != "blank"]
    roles: dict[int, Role] = {}
    for a, b, c in zip(content, content[1:], content[2:], strict=False):
        name, level, keywords = lines[a], lines[b], lines[c]
        if (
            name.kind in ("heading", "text")
            and len(name.text.split()) <= _MAX_NAME_WORDS
            and not is_level(name.text)
            and level.kind in ("heading", "text")
            and is_level(level.text)
            and keywords.kind in ("heading", "text")
            and chips(keywords.text) is not None
        ):
            roles.update({a: "name", b: "level", c: "chips"})
    return roles
