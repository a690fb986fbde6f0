"""Field-level precision, recall and F1 of a parsed resume against ground truth.

Entries are matched in order by id (the parser numbers them from 1 in document order);
strings are compared after ``normalize_for_grounding``; list fields (bullets, skills)
are compared as multisets, so an extra or missing item costs one point, not the list.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from refleum.analysis.grounding import normalize_for_grounding
from refleum.resume_data import ResumeData

GROUPS = (
    "contact",
    "summary",
    "experience",
    "dates",
    "bullets",
    "education",
    "projects",
    "skills_lists",
    "custom",
)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    groups: dict[str, Counts] = field(default_factory=lambda: {g: Counts() for g in GROUPS})
    mismatches: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.groups.values():
            total.add(counts)
        return total

    def add(self, other: Score) -> None:
        for name, counts in other.groups.items():
            self.groups[name].add(counts)
        self.mismatches.extend(other.mismatches)


def _norm(value: str) -> str:
    return normalize_for_grounding(value)


def _scalar(score: Score, group: str, path: str, truth: str, predicted: str) -> None:
    counts = score.groups[group]
    expected, got = _norm(truth), _norm(predicted)
    if expected and expected == got:
        counts.tp += 1
        return
    counts.fn += bool(expected)
    counts.fp += bool(got)
    if expected or got:
        score.mismatches.append(f"{path}: expected {truth!r}, got {predicted!r}")


def _multiset(score: Score, group: str, path: str, truth: list[str], got: list[str]) -> None:
    expected = Counter(_norm(v) for v in truth if v.strip())
    predicted = Counter(_norm(v) for v in got if v.strip())
    hits = sum((expected & predicted).values())
    counts = score.groups[group]
    counts.tp += hits
    counts.fn += sum(expected.values()) - hits
    counts.fp += sum(predicted.values()) - hits
    if expected != predicted:
        missing = list((expected - predicted).elements())
        extra = list((predicted - expected).elements())
        score.mismatches.append(f"{path}: missing {missing}, extra {extra}")


def _pairs(truth: list, predicted: list) -> list[tuple[object | None, object | None]]:
    by_id = {item.id: item for item in predicted}
    pairs: list[tuple[object | None, object | None]] = [(t, by_id.pop(t.id, None)) for t in truth]
    return pairs + [(None, p) for p in by_id.values()]


def _entries(score: Score, path: str, truth: list, predicted: list, fields: dict) -> None:
    """``fields`` maps a field name to (group, is_list)."""
    for index, (expected, got) in enumerate(_pairs(truth, predicted)):
        for name, (group, is_list) in fields.items():
            want = getattr(expected, name) if expected is not None else ([] if is_list else "")
            have = getattr(got, name) if got is not None else ([] if is_list else "")
            where = f"{path}[{index}].{name}"
            if is_list:
                _multiset(score, group, where, want, have)
            else:
                _scalar(score, group, where, want, have)


_WORK = {
    "title": ("experience", False),
    "company": ("experience", False),
    "location": ("experience", False),
    "years": ("dates", False),
    "description": ("bullets", True),
}
_EDUCATION = {
    "institution": ("education", False),
    "degree": ("education", False),
    "description": ("education", False),
    "years": ("dates", False),
}
_PROJECT = {
    "name": ("projects", False),
    "role": ("projects", False),
    "github": ("projects", False),
    "website": ("projects", False),
    "years": ("dates", False),
    "description": ("bullets", True),
}
_CUSTOM_ITEM = {
    "title": ("custom", False),
    "subtitle": ("custom", False),
    "years": ("dates", False),
    "description": ("custom", True),
}


def _custom(score: Score, truth: ResumeData, predicted: ResumeData) -> None:
    for key in truth.customSections.keys() | predicted.customSections.keys():
        expected, got = truth.customSections.get(key), predicted.customSections.get(key)
        path = f"customSections.{key}"
        _scalar(
            score,
            "custom",
            f"{path}.title",
            expected.title if expected else "",
            got.title if got else "",
        )
        _scalar(
            score,
            "custom",
            f"{path}.type",
            expected.type if expected else "",
            got.type if got else "",
        )
        _scalar(
            score,
            "custom",
            f"{path}.text",
            expected.text if expected else "",
            got.text if got else "",
        )
        _multiset(
            score,
            "custom",
            f"{path}.strings",
            expected.strings if expected else [],
            got.strings if got else [],
        )
        _entries(
            score,
            f"{path}.items",
            expected.items if expected else [],
            got.items if got else [],
            _CUSTOM_ITEM,
        )


def score_resume(truth: ResumeData, predicted: ResumeData) -> Score:
    """Compare one parse with its ground truth, field by field."""
    score = Score()
    for name, value in truth.personalInfo.model_dump().items():
        _scalar(
            score, "contact", f"personalInfo.{name}", value, getattr(predicted.personalInfo, name)
        )
    _scalar(score, "summary", "summary", truth.summary, predicted.summary)
    _entries(score, "workExperience", truth.workExperience, predicted.workExperience, _WORK)
    _entries(score, "education", truth.education, predicted.education, _EDUCATION)
    _entries(
        score, "personalProjects", truth.personalProjects, predicted.personalProjects, _PROJECT
    )
    for name, value in truth.additional.model_dump().items():
        _multiset(
            score, "skills_lists", f"additional.{name}", value, getattr(predicted.additional, name)
        )
    _custom(score, truth, predicted)
    return score


def format_table(score: Score) -> str:
    """The per-group table the benchmark prints."""
    rows = [f"{'group':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for name, counts in [*score.groups.items(), ("overall", score.overall)]:
        rows.append(
            f"{name:<14}{counts.precision:>8.3f}{counts.recall:>8.3f}{counts.f1:>8.3f}"
            f"{counts.tp:>6}{counts.fp:>6}{counts.fn:>6}"
        )
    return "\n".join(rows)


@dataclass(frozen=True)
class CorpusDocument:
    name: str
    kind: str  # "pdf" or "docx"
    data: bytes
    truth: ResumeData


def corpus_documents(folder: Path) -> list[CorpusDocument]:
    """Every ``<name>.json`` in ``folder`` that has a ``<name>.pdf`` or ``<name>.docx``."""
    documents = []
    for truth_path in sorted(folder.glob("*.json")):
        for kind in ("pdf", "docx"):
            path = truth_path.with_suffix(f".{kind}")
            if path.exists():
                truth = ResumeData.model_validate_json(truth_path.read_text(encoding="utf-8"))
                documents.append(CorpusDocument(truth_path.stem, kind, path.read_bytes(), truth))
    return documents
