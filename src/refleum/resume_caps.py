"""How big a ResumeData may be: the one place the caps are named (docs/api.md lists them).

Every later step (tailoring, PDF/DOCX/Markdown rendering, letters) costs time in proportion
to the resume's size, so the size is bounded where data enters: a PATCH over a cap is
refused (``cap_violations``), and what a parser or engine produces is cut to fit
(``fit_to_caps``) with a warning, because a parse must not fail on a long document.
The values are far above any real resume (two pages hold ~6,000 characters).
"""

from __future__ import annotations

from typing import Any

from refleum.resume_data import ResumeData

MAX_ENTRIES = 50  # workExperience, education, personalProjects, items of a custom section
MAX_BULLETS = 30  # description bullets of one entry
MAX_LIST_ITEMS = 100  # skills, languages, certifications, awards, strings of a custom section
MAX_CUSTOM_SECTIONS = 20
MAX_STRING_CHARS = 5_000  # any one string (a summary, a bullet, a name…)
MAX_TOTAL_CHARS = 100_000  # all strings of the resume together

_ENTRY_LISTS = frozenset({"workExperience", "education", "personalProjects", "items"})


def _list_cap(key: str) -> tuple[int, str]:
    if key in _ENTRY_LISTS:
        return MAX_ENTRIES, "entries"
    if key == "description":
        return MAX_BULLETS, "bullets"
    return MAX_LIST_ITEMS, "items"


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _strings(node: Any, key: str = "") -> list[str]:
    """Every string value; the keys of customSections count too (they are user text)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        own = list(node) if key == "customSections" else []
        return [*own, *(s for name, value in node.items() for s in _strings(value, name))]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item, key)]
    return []


def total_chars(data: ResumeData | dict) -> int:
    tree = data.model_dump() if isinstance(data, ResumeData) else data
    return sum(len(s) for s in _strings(tree))


def cap_violations(data: ResumeData) -> list[str]:
    """Each cap the resume exceeds, as ``path: what is wrong``; empty when it fits."""
    found: list[str] = []

    def walk(node: Any, path: str, key: str) -> None:
        if isinstance(node, str) and len(node) > MAX_STRING_CHARS:
            found.append(f"{path}: {len(node):,} characters; the cap is {MAX_STRING_CHARS:,}")
        elif isinstance(node, list):
            cap, noun = _list_cap(key)
            if len(node) > cap:
                found.append(f"{path}: {len(node):,} {noun}; the cap is {cap:,}")
            for index, item in enumerate(node):
                walk(item, _join(path, index), key)
        elif isinstance(node, dict):
            if key == "customSections" and len(node) > MAX_CUSTOM_SECTIONS:
                found.append(f"{path}: {len(node):,} sections; the cap is {MAX_CUSTOM_SECTIONS}")
            for name, value in node.items():
                walk(value, _join(path, name), name)

    tree = data.model_dump()
    walk(tree, "", "")
    total = total_chars(tree)
    if total > MAX_TOTAL_CHARS:
        found.append(
            f"the resume has {total:,} characters in total; the cap is {MAX_TOTAL_CHARS:,}"
        )
    return found


def _cut(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending on a word boundary when there is one, so a
    number or a name is never sliced into a different one."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return head[:space].rstrip() if space > 0 else head


def _fit(node: Any, path: str, key: str, warnings: list[str]) -> Any:
    if isinstance(node, str):
        if len(node) > MAX_STRING_CHARS:
            warnings.append(f"{path}: cut to {MAX_STRING_CHARS:,} characters")
            return _cut(node, MAX_STRING_CHARS)
        return node
    if isinstance(node, list):
        cap, noun = _list_cap(key)
        if len(node) > cap:
            warnings.append(f"{path}: kept the first {cap} of {len(node):,} {noun}")
        return [_fit(item, _join(path, i), key, warnings) for i, item in enumerate(node[:cap])]
    if isinstance(node, dict):
        items = list(node.items())
        if key == "customSections" and len(items) > MAX_CUSTOM_SECTIONS:
            warnings.append(
                f"{path}: kept the first {MAX_CUSTOM_SECTIONS} of {len(items):,} sections"
            )
            items = items[:MAX_CUSTOM_SECTIONS]
        return {name: _fit(value, _join(path, name), name, warnings) for name, value in items}
    return node


def _within_budget(node: Any, budget: list[int], key: str = "") -> Any:
    """Strings in document order until the total budget is spent; later ones shrink or
    empty, and an emptied item of a list is dropped."""
    if isinstance(node, str):
        kept = _cut(node, max(budget[0], 0))
        budget[0] -= len(kept)
        return kept
    if isinstance(node, dict):
        if key == "customSections":
            budget[0] -= sum(len(name) for name in node)
        return {name: _within_budget(value, budget, name) for name, value in node.items()}
    if isinstance(node, list):
        kept = [_within_budget(item, budget, key) for item in node]
        return [item for item in kept if item != ""]
    return node


def fit_to_caps(data: ResumeData) -> tuple[ResumeData, list[str]]:
    """The resume cut to the caps, and one warning per cut; unchanged when it fits."""
    if not cap_violations(data):
        return data, []
    warnings: list[str] = []
    tree = _fit(data.model_dump(), "", "", warnings)
    total = total_chars(tree)
    if total > MAX_TOTAL_CHARS:
        tree = _within_budget(tree, [MAX_TOTAL_CHARS])
        warnings.append(
            f"the resume had {total:,} characters; text past the first {MAX_TOTAL_CHARS:,} was cut"
        )
    return ResumeData.model_validate(tree), warnings
