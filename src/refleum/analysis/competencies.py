"""Soft skills a resume demonstrates without naming them ("grew the team from 3 to 28
engineers" shows Team leadership).

The evidence rules are curated in ``data/competencies.json``: regexes over one resume
line, case-insensitive. A match is evidence, and it always comes with the line that shows
it, so a reader can check the inference; nothing is written into the resume from it.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from refleum.analysis.skills import canonical_skill


@lru_cache(maxsize=1)
def rules() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Canonical soft skill -> its compiled evidence patterns."""
    raw = resources.files("refleum.analysis").joinpath("data/competencies.json").read_text("utf-8")
    return {
        skill: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
        for skill, patterns in json.loads(raw)["skills"].items()
    }


def showing_line(term: str, text: str) -> str | None:
    """The first line of ``text`` that demonstrates JD ``term`` (any name of a soft skill
    with evidence rules), or None."""
    patterns = rules().get(canonical_skill(term) or "")
    if not patterns:
        return None
    lines = text.splitlines()
    # Rule order is preference order: a headcount line beats a bare job title.
    for pattern in patterns:
        line = next((line for line in lines if pattern.search(line)), None)
        if line is not None:
            return line.strip()
    return None
