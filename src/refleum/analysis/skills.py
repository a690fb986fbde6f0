"""The skills vocabulary and the one way Refleum finds skills in text.

Everything that asks "does this text mention skill X?" (job keyword extraction, the match
scorer, the local engine, the truth guard) goes through :func:`find_skills`, so they all
agree on what a mention is.

Matching rules (also documented in ``data/skills.json`` per entry):

* Whole words: a mention starts and ends on a token boundary. ``C`` is not found inside
  ``C++``, ``Java`` is not found inside ``JavaScript``.
* Alias-aware: every surface (canonical name or alias) maps to one canonical name.
* Longest match wins; mentions never overlap and come back ordered by position.
* Case-insensitive, except surfaces an entry lists under ``case_sensitive`` (``"Go"``,
  ``"R"``, ``"RN"``, ``"Excel"``, ``"Spring"``...): those must appear with the listed
  capitalisation, because their lowercase forms are ordinary words.
* Surfaces listed under ``ambiguous`` are also case-sensitive and, in addition, are
  ignored at the start of a sentence or line unless a list follows them ("Go, Rust" is
  a skill list, "Go to market" is not), and ignored when glued to ``-``, ``&`` or ``'``
  ("Go-to-market", "R&D").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# A token is a run of letters/digits or one punctuation character; whitespace separates.
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]|_")
_SPACES = re.compile(r"\s+")
# What may precede the first word of a sentence or bullet. Not ":" ("Skills: Go and Rust").
_SENTENCE_END = ".!?;•·*▪‣–—-\n\r"
_LIST_PUNCTUATION = ",/;|)-–—·•"
_GLUE_AFTER_AMBIGUOUS = "-&'’"


@dataclass(frozen=True)
class SkillMention:
    canonical: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True)
class Skill:
    canonical: str
    category: str
    aliases: tuple[str, ...]

    @property
    def surfaces(self) -> tuple[str, ...]:
        return (self.canonical, *self.aliases)


@dataclass(frozen=True)
class _Surface:
    text: str
    folded: str  # lowercased, whitespace collapsed: how case-insensitive surfaces compare
    canonical: str
    case_sensitive: bool
    ambiguous: bool


class VocabularyError(ValueError):
    """skills.json breaks a rule (duplicate canonical, alias of two skills...)."""


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.strip()).lower()


def _tokens_key(text: str) -> tuple[str, ...]:
    return tuple(token.lower() for token in _TOKEN.findall(text))


def _flagged(entry: dict, flag: str, surfaces: tuple[str, ...]) -> set[str]:
    value = entry.get(flag, False)
    if value is True:
        return set(surfaces)
    if not value:
        return set()
    unknown = set(value) - set(surfaces)
    if unknown:
        raise VocabularyError(f"{flag} names unknown surfaces {sorted(unknown)}")
    return set(value)


class Vocabulary:
    """Skills loaded from JSON, indexed for lookup by name and for scanning text."""

    def __init__(self, data: dict) -> None:
        self.skills: list[Skill] = []
        self._by_canonical: dict[str, Skill] = {}
        self._folded_canonicals: set[str] = set()
        self._by_folded: dict[str, _Surface] = {}
        self._by_exact: dict[str, _Surface] = {}
        self._by_folded_sensitive: dict[str, _Surface] = {}
        self._all_by_folded: dict[str, list[_Surface]] = {}
        self._trie: dict = {}
        for category, entries in data["categories"].items():
            for raw in entries:
                self._add(category, raw if isinstance(raw, dict) else {"canonical": raw})

    def _add(self, category: str, entry: dict) -> None:
        skill = Skill(entry["canonical"], category, tuple(entry.get("aliases", ())))
        if _fold(skill.canonical) in self._folded_canonicals:
            raise VocabularyError(f"duplicate canonical {skill.canonical!r}")
        self._folded_canonicals.add(_fold(skill.canonical))
        ambiguous = _flagged(entry, "ambiguous", skill.surfaces)
        sensitive = _flagged(entry, "case_sensitive", skill.surfaces) | ambiguous
        for text in skill.surfaces:
            surface = _Surface(
                text, _fold(text), skill.canonical, text in sensitive, text in ambiguous
            )
            self._index(surface)
        self.skills.append(skill)
        self._by_canonical[skill.canonical] = skill

    def _index(self, surface: _Surface) -> None:
        clash = self._clash(surface)
        if clash is not None:
            raise VocabularyError(
                f"{surface.text!r} maps to both {clash.canonical!r} and {surface.canonical!r}"
            )
        self._by_exact[surface.text] = surface
        self._all_by_folded.setdefault(surface.folded, []).append(surface)
        if surface.case_sensitive:
            self._by_folded_sensitive.setdefault(surface.folded, surface)
        else:
            self._by_folded[surface.folded] = surface
        node = self._trie
        for token in _tokens_key(surface.text):
            node = node.setdefault(token, {})
        node.setdefault(None, []).append(surface)

    def _clash(self, surface: _Surface) -> _Surface | None:
        """An indexed surface of another skill that the same text could match."""
        rivals = [self._by_exact.get(surface.text), self._by_folded.get(surface.folded)]
        if not surface.case_sensitive:  # "GO" matching any case would also match "Go"
            rivals += self._all_by_folded.get(surface.folded, [])
        return next((r for r in rivals if r and r.canonical != surface.canonical), None)

    def skill(self, canonical: str) -> Skill | None:
        return self._by_canonical.get(canonical)

    def canonical(self, name: str) -> str | None:
        """The canonical name for a whole skill name (not prose), or None.

        Exact spelling first, then case-insensitively: a skills list saying "golang" or
        "r" still names a skill, even though prose "go" or "r" would not.
        """
        text = _SPACES.sub(" ", name.strip())
        folded = text.lower()
        surface = (
            self._by_exact.get(text)
            or self._by_folded.get(folded)
            or self._by_folded_sensitive.get(folded)
        )
        return surface.canonical if surface else None

    def is_case_sensitive(self, name: str) -> bool:
        """Whether ``name`` is only a skill in its listed capitalisation ("Go", "Excel")."""
        folded = _fold(name)
        return folded in self._by_folded_sensitive and folded not in self._by_folded

    def find(self, text: str) -> list[SkillMention]:
        spans = [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(text)]
        mentions: list[SkillMention] = []
        i = 0
        while i < len(spans):
            found = self._longest_at(text, spans, i)
            if found is None:
                i += 1
                continue
            mention, i = found
            mentions.append(mention)
        return mentions

    def _longest_at(self, text: str, spans: list, i: int) -> tuple[SkillMention, int] | None:
        node, candidates = self._trie, []
        for j in range(i, len(spans)):
            node = node.get(spans[j][2])
            if node is None:
                break
            if None in node:
                candidates.append((j, node[None]))
        start = spans[i][0]
        for j, surfaces in reversed(candidates):
            end = spans[j][1]
            for surface in surfaces:
                if _accepts(text, start, end, surface):
                    return SkillMention(surface.canonical, text[start:end], start, end), j + 1
        return None


def _accepts(text: str, start: int, end: int, surface: _Surface) -> bool:
    if "\n" in text[start:end]:
        return False  # "React" ending one bullet and "Native apps" starting the next
    written = _SPACES.sub(" ", text[start:end])
    if surface.case_sensitive and written != surface.text:
        return False
    if not surface.case_sensitive and written.lower() != surface.folded:
        return False
    after = text[end] if end < len(text) else ""
    if surface.text[-1].isalnum() and after in "+#" and after:
        return False  # "C" inside "C#"/"C++" when the longer skill is unknown
    before = text[start - 1] if start > 0 else ""
    if before == "." and start > 1 and text[start - 2].isalnum():
        return False  # the tail of a dotted name: "js" in "socket.js"
    if surface.ambiguous:
        return _ambiguous_reads_as_skill(text, start, end, after)
    return True


def _ambiguous_reads_as_skill(text: str, start: int, end: int, after: str) -> bool:
    if after and after in _GLUE_AFTER_AMBIGUOUS:
        return False  # "Go-to-market", "R&D"
    if _sentence_initial(text, start):
        return _followed_by_list(text, end)  # "Go, Rust" yes; "Go to market" no
    return True


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def _followed_by_list(text: str, end: int) -> bool:
    i = end
    while i < len(text) and text[i] in " \t":
        i += 1
    return i == len(text) or text[i] in _LIST_PUNCTUATION or text[i] in "\n\r"


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    raw = resources.files("refleum.analysis").joinpath("data/skills.json").read_text("utf-8")
    return Vocabulary(json.loads(raw))


def find_skills(text: str) -> list[SkillMention]:
    """Every skill mentioned in ``text``: whole words, alias-aware, longest match,
    non-overlapping, ordered by position."""
    return vocabulary().find(text)


def canonical_skill(name: str) -> str | None:
    """The canonical name of a skill named on its own ("k8s" -> "Kubernetes"), else None."""
    return vocabulary().canonical(name)


def is_case_sensitive(name: str) -> bool:
    """Whether ``name`` names a skill only in its listed capitalisation ("Go", "R")."""
    return vocabulary().is_case_sensitive(name)


def skill_category(canonical: str) -> str | None:
    skill = vocabulary().skill(canonical)
    return skill.category if skill else None


def skill_surfaces(canonical: str) -> tuple[str, ...]:
    """The canonical name followed by its aliases; empty for an unknown skill."""
    skill = vocabulary().skill(canonical)
    return skill.surfaces if skill else ()
