"""Split a job description into the sections that decide how a skill counts.

A JD is free text, but most follow the same skeleton: a title, an intro, a list of
responsibilities, a list of requirements, perhaps a "nice to have" list, then benefits.
Headings are recognised by wording, not by formatting, because JDs arrive as pasted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Section(StrEnum):
    INTRO = "intro"
    RESPONSIBILITIES = "responsibilities"
    REQUIRED = "required"
    PREFERRED = "preferred"
    OTHER = "other"  # about us, benefits, legal boilerplate


@dataclass(frozen=True)
class JdLine:
    text: str  # cleaned: no bullet glyph, whitespace collapsed
    section: Section
    is_bullet: bool


_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣●○■□➢➤>–—]+|\(?\d{1,2}[.)]|[a-z][.)])\s+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*")
_SPACES = re.compile(r"\s+")

# Order matters: "preferred qualifications" is PREFERRED even though it says "qualifications";
# "about you" is REQUIRED before "about <company>" is OTHER.
_HEADING_WORDS: tuple[tuple[Section, str], ...] = (
    (
        Section.PREFERRED,
        r"preferred|nice[- ]to[- ]haves?|bonus(?: points)?|pluses|plus|desired|desirable|"
        r"good to have|extra credit|it'?s a plus|ideally|would be (?:great|nice)|"
        r"what would make you stand out|additional qualifications|even better",
    ),
    (
        Section.RESPONSIBILITIES,
        r"(?:key |main |core |primary )?responsibilities|duties|what you(?:'ll|’ll| will) do|"
        r"what you(?:'ll|’ll| will) be doing|the role|your role|about the role|role overview|"
        r"in this role(?: you will)?|day[- ]to[- ]day|your impact|the job|job duties|"
        r"what the job involves|your mission|you will|you'll",
    ),
    (
        Section.REQUIRED,
        r"(?:minimum |basic |required |key |essential )?(?:requirements|qualifications)|"
        r"required|must[- ]haves?|what you(?:'ll|’ll)? need|what you need|"
        r"what we(?:'re|’re| are) looking for|you have|you bring|what you bring|about you|"
        r"who you are|(?:required |essential |key )?skills|experience|essential|"
        r"your profile|profile|you are|you should have|we(?:'d| would) love (?:you )?to have",
    ),
    (
        Section.OTHER,
        r"about us|about the company|about the team|who we are|benefits|perks|what we offer|"
        r"why join(?: us)?|why you'll love(?: it)?|compensation|salary|pay range|"
        r"equal opportunity(?: employer)?|our team|our culture|how to apply|location|"
        r"working here|the company|about [\w.&-]+(?: [\w.&-]+)?",
    ),
)
# Words a heading may trail with: "Preferred Qualifications", "What You'll Need to Succeed".
_HEADING_TAIL = (
    r"(?:\s+(?:and|&|qualifications?|skills?|experience|requirements?|points|"
    r"to succeed|for (?:this|the) role|\(.*\)))*"
)
_HEADINGS: tuple[tuple[Section, re.Pattern[str]], ...] = tuple(
    (section, re.compile(rf"^(?:{words}){_HEADING_TAIL}\s*$", re.IGNORECASE))
    for section, words in _HEADING_WORDS
)

# Inline cues for a line inside a requirements list that is really a preference.
_PREFERENCE_CUE = re.compile(
    r"\b(?:preferred|is a plus|a plus|nice[- ]to[- ]have|bonus|desirable|ideally|"
    r"would be (?:great|nice|a plus))\b",
    re.IGNORECASE,
)
# Cues that a sentence states a requirement, for JDs written without headings.
_REQUIREMENT_CUE = re.compile(
    r"\b(?:required|requires?|must|need(?:ed)?|proficien\w*|experience (?:with|in)|"
    r"knowledge of|familiar\w* with|expertise in|strong|solid|hands-on)\b",
    re.IGNORECASE,
)


def clean_line(raw: str) -> tuple[str, bool]:
    """A JD line without bullet glyph or markdown markup, and whether it was a bullet."""
    without_heading = _MARKDOWN_HEADING.sub("", raw)
    text = _BULLET.sub("", without_heading)
    is_bullet = text != without_heading
    text = _SPACES.sub(" ", text.replace("**", "").replace("__", "")).strip()
    return text, is_bullet


def heading_section(text: str) -> tuple[Section, str] | None:
    """If ``text`` is a section heading, its section and any content after a colon."""
    head, colon, rest = text.partition(":")
    label = head.strip()
    if not label or len(label.split()) > 8:
        return None
    # The whole label must be heading words: "Experience with Kafka: ..." is a bullet.
    for section, pattern in _HEADINGS:
        if pattern.match(label):
            return section, rest.strip()
    return None


def split_sections(job_description: str) -> list[JdLine]:
    """Every non-empty JD line with the section it sits in (headings themselves dropped)."""
    lines: list[JdLine] = []
    section = Section.INTRO
    for raw in job_description.splitlines():
        text, is_bullet = clean_line(raw)
        if not text:
            continue
        heading = None if is_bullet and ":" not in text else heading_section(text)
        if heading is None:
            lines.append(JdLine(text, section, is_bullet))
            continue
        labelled, rest = heading
        if rest:
            lines.append(JdLine(rest, labelled, is_bullet))
        if not (is_bullet and rest):
            # "- Nice to have: Kafka" inside a list labels its own line, not the list.
            section = labelled
    return lines


def has_section(lines: list[JdLine], section: Section) -> bool:
    return any(line.section is section for line in lines)


def states_preference(text: str) -> bool:
    return bool(_PREFERENCE_CUE.search(text))


def states_requirement(text: str) -> bool:
    return bool(_REQUIREMENT_CUE.search(text))
