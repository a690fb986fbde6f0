"""Pass 3, alignment validation: the tailored resume is compared with the truth field by
field; whatever the truth does not hold is removed, reverted or restored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from refleum.analysis.facts import TruthFacts, new_claims
from refleum.analysis.grounding import normalize_for_grounding
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange
from refleum.tailoring.paths import SKILLS_PATH

_SKILL_PARTS = re.compile(r"\s*[,;|]\s*")
_ENTRY_LISTS = ("workExperience", "education", "personalProjects")


@dataclass
class Alignment:
    """The tailored resume as a dict while it is repaired, and what was repaired."""

    data: dict[str, Any]
    truth: dict[str, Any]
    facts: TruthFacts
    violations: int = 0
    changes: list[AppliedChange] = field(default_factory=list)

    def fix(self, path: str, before: Any, after: Any, what: str, source: list[str]) -> None:
        self.violations += 1
        self.changes.append(
            AppliedChange(
                path=path,
                before=before if isinstance(before, str | list) else str(before),
                after=after if isinstance(after, str | list) else str(after),
                reason=f"Pass 3: {what} not in the original resume",
                source_lines=[line for line in source if line],
            )
        )

    def claims(self, text: str, path: str = "") -> bool:
        # A summary is judged as the truth guard judges it (TruthFacts.summary_facts).
        facts = self.facts.summary_facts if path == "summary" else self.facts
        return bool(new_claims(text, facts))


@dataclass
class AlignedResume:
    resume: ResumeData
    violations: int
    changes: list[AppliedChange]


def align_with_truth(resume: ResumeData, truth: ResumeData, facts: TruthFacts) -> AlignedResume:
    """Pass 3: remove or restore everything in ``resume`` that ``truth`` does not hold."""
    state = Alignment(data=resume.model_dump(), truth=truth.model_dump(), facts=facts)
    _align_personal_info(state)
    _align_text(state, "summary", state.data, state.truth, "summary")
    for name in _ENTRY_LISTS:
        state.data[name] = _align_entries(state, name, state.data[name], state.truth[name])
    _align_additional(state)
    _align_custom_sections(state)
    aligned = ResumeData.model_validate(state.data)
    return AlignedResume(resume=aligned, violations=state.violations, changes=state.changes)


def _align_personal_info(state: Alignment) -> None:
    mine, truth = state.data["personalInfo"], state.truth["personalInfo"]
    for key, value in mine.items():
        if key == "title":
            _align_text(state, "personalInfo.title", mine, truth, "title")
        elif value != truth[key]:
            state.fix(f"personalInfo.{key}", value, truth[key], f"{key} changed", [truth[key]])
            mine[key] = truth[key]


def _align_text(state: Alignment, path: str, mine: dict, truth: dict, key: str) -> None:
    """Free text (summary, headline) may be reworded, but claims nothing new."""
    if mine[key] != truth[key] and state.claims(mine[key], path):
        state.fix(path, mine[key], truth[key], "a claim", [truth[key]])
        mine[key] = truth[key]


def _align_entries(state: Alignment, name: str, mine: list, truth: list) -> list:
    """Each entry is matched to its truth entry: unknown ones are dropped, the facts of
    known ones (employer, title, dates...) restored, their bullets checked."""
    kept, used = [], set()
    for i, entry in enumerate(mine):
        path = f"{name}[{i}]"
        source = _match_entry(entry, truth, used)
        if source is None:
            state.fix(path, _identity(entry) or f"#{entry['id']}", "", "an entry", [])
            continue
        used.add(id(source))
        entry["id"] = source["id"]  # ids follow the entry they name
        _restore_fields(
            state, path, entry, source, skip=("description",) if name != "education" else ()
        )
        if isinstance(entry.get("description"), list):
            own = next(k for k, candidate in enumerate(truth) if candidate is source)
            entry["description"] = _align_bullets(
                state,
                f"{path}.description",
                entry["description"],
                source["description"],
                _foreign_bullets(source, truth),
                state.facts.scoped(f"{name}[{own}]."),
            )
        kept.append(entry)
    return kept


def _identity(entry: dict) -> str:
    for key in ("company", "institution", "name", "title"):
        if entry.get(key):
            return normalize_for_grounding(str(entry[key]))
    return ""


def _match_entry(entry: dict, truth: list[dict], used: set[int]) -> dict | None:
    """Same id and same employer (or school, project) first, then the same employer,
    then the same id: an entry is never matched twice. Matching by employer first keeps
    an entry whose id drifted; its bullets are then checked against that employer's."""
    free = [source for source in truth if id(source) not in used]
    same_id = [source for source in free if source["id"] == entry["id"]]
    same_name = [source for source in free if _identity(source) == _identity(entry)]
    both = [source for source in same_id if source in same_name]
    for candidates in (both, same_name, same_id):
        if candidates:
            return candidates[0]
    return None


def _restore_fields(state: Alignment, path: str, mine: dict, truth: dict, skip=()) -> None:
    for key, value in mine.items():
        if key in skip or key in ("id", "items") or value == truth.get(key):
            continue
        state.fix(f"{path}.{key}", value, truth.get(key), f"{key} changed", [str(truth.get(key))])
        mine[key] = truth.get(key)


def _align_bullets(
    state: Alignment,
    path: str,
    mine: list[str],
    truth: list[str],
    foreign: set[str],
    own_facts: TruthFacts,
) -> list[str]:
    """A bullet claiming what its own entry's truth lacks (``own_facts``), or copied from
    another entry (``foreign``: what was done at one employer is not claimed at another),
    goes back to the truth's bullet at its position unless that one is already listed;
    else it is dropped."""
    kept: list[str] = []
    for j, bullet in enumerate(mine):
        moved = normalize_for_grounding(bullet) in foreign
        if not moved and not new_claims(bullet, own_facts):
            kept.append(bullet)
            continue
        what = "a bullet of another entry" if moved else "a claim"
        original = truth[j] if j < len(truth) else None
        if original is not None and original not in mine and original not in kept:
            state.fix(f"{path}[{j}]", bullet, original, what, [original])
            kept.append(original)
        else:
            state.fix(f"{path}[{j}]", bullet, "", what, [])
    return kept


def _foreign_bullets(source: dict, truth: list[dict]) -> set[str]:
    own = {normalize_for_grounding(b) for b in source.get("description", [])}
    return {
        normalize_for_grounding(b)
        for other in truth
        if other is not source and isinstance(other.get("description"), list)
        for b in other["description"]
    } - own


def _align_additional(state: Alignment) -> None:
    mine, truth = state.data["additional"], state.truth["additional"]
    mine["technicalSkills"] = _align_skills(state, mine["technicalSkills"])
    for key in ("languages", "certificationsTraining", "awards"):
        allowed = {normalize_for_grounding(item) for item in truth[key]}
        kept = []
        for j, item in enumerate(mine[key]):
            if normalize_for_grounding(item) in allowed:
                kept.append(item)
            else:
                state.fix(f"additional.{key}[{j}]", item, "", f"{key} item", [])
        mine[key] = kept


def _align_skills(state: Alignment, skills: list[str]) -> list[str]:
    """Each skill the truth lacks leaves the list; the item's other skills stay."""
    kept: list[str] = []
    for j, item in enumerate(skills):
        if not state.claims(item):
            kept.append(item)
            continue
        parts = [p for p in _SKILL_PARTS.split(item) if p.strip()]
        good = [p for p in parts if not state.claims(p)]
        for bad in (p for p in parts if p not in good):
            state.fix(f"{SKILLS_PATH}[{j}]", bad, "", "a skill", [])
        listed = {normalize_for_grounding(k) for k in kept + skills[j + 1 :]}
        good = [p for p in good if normalize_for_grounding(p) not in listed]
        if good:
            kept.append(", ".join(good))
    return kept


def _align_custom_sections(state: Alignment) -> None:
    sections, truth = state.data["customSections"], state.truth["customSections"]
    for key in list(sections):
        path = f"customSections.{key}"
        if key not in truth:
            state.fix(path, sections[key]["title"], "", "a section", [])
            del sections[key]
            continue
        _restore_fields(state, path, sections[key], truth[key])
        sections[key]["items"] = _align_entries(
            state, f"{path}.items", sections[key]["items"], truth[key]["items"]
        )
