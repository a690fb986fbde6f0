"""Field accuracy of a parsed resume against a hand-checked label file.

A label (tests/fixtures/real/README.md) holds only what a person reads off the page: name,
email, phone, each job's title/company/dates, each school's institution/degree and up to five
listed skills. Every field kind counts right / total:

- name, email, phone: one field each, always counted, so a value invented where the document
  has none is as wrong as a value missed;
- job count: one field, right when the parser found exactly as many jobs;
- jobs and schools are matched by order (the label's first job against the parser's first);
  each labelled job adds three fields, each labelled school two;
- skills: each labelled skill is one field, right when it is among the parsed skills or
  languages (a skills section mixes both, and the order of a multi-column list is not a fact).

Strings compare after ``normalize_for_grounding``, with no space around a dash and trailing
sentence punctuation dropped; phones compare by their letters and digits only, since a
separator is formatting.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from refleum.analysis.grounding import normalize_for_grounding
from refleum.resume_data import ResumeData

FIELD_KINDS = (
    "name",
    "email",
    "phone",
    "job_count",
    "job_title",
    "job_company",
    "job_dates",
    "institution",
    "degree",
    "skills",
)
MAX_SKILLS = 5
LABEL_KEYS = {"name", "email", "phone", "jobs", "education", "skills"}
JOB_KEYS = {"title", "company", "dates"}
SCHOOL_KEYS = {"institution", "degree"}


class LabelError(ValueError):
    """A label file that does not follow the schema."""


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, other: Tally) -> None:
        self.right += other.right
        self.total += other.total

    @property
    def accuracy(self) -> float | None:
        """right / total, or None when the kind never occurred (nothing to be right about)."""
        return self.right / self.total if self.total else None


@dataclass
class LabelScore:
    fields: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in FIELD_KINDS})
    misses: list[str] = field(default_factory=list)
    # (field kind, how it went wrong) -> count: what a held-out score may show of its misses
    # without naming a document.
    miss_kinds: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.fields.values():
            total.add(tally)
        return total

    def add(self, other: LabelScore) -> None:
        for kind, tally in other.fields.items():
            self.fields[kind].add(tally)
        self.misses.extend(other.misses)
        self.miss_kinds.update(other.miss_kinds)


# Before grounding's fold, which reads a dash between spaces as structure and drops it.
_SPACED_DASH = re.compile(r"\s*[-\u2010-\u2015\u2212]\s*")


def normalize_value(value: str) -> str:
    """The form label values and parsed values are compared in: grounding's fold, then no space
    around a dash ("2006 - 2010" is "2006–2010") and no trailing sentence punctuation."""
    return normalize_for_grounding(_SPACED_DASH.sub("-", value)).rstrip(" .,;:")


def normalize_phone(value: str) -> str:
    return "".join(ch for ch in normalize_for_grounding(value) if ch.isalnum())


def validate_label(label: object) -> dict:
    """``label`` itself when it follows the schema; LabelError saying what is wrong otherwise."""
    if not isinstance(label, dict) or set(label) != LABEL_KEYS:
        raise LabelError(f"a label has exactly the keys {sorted(LABEL_KEYS)}")
    for key in ("name", "email", "phone"):
        if not isinstance(label[key], str):
            raise LabelError(f"{key} must be a string")
    for key, keys in (("jobs", JOB_KEYS), ("education", SCHOOL_KEYS)):
        entries = label[key]
        if not isinstance(entries, list) or any(
            not isinstance(e, dict)
            or set(e) != keys
            or not all(isinstance(v, str) for v in e.values())
            for e in entries
        ):
            raise LabelError(f"{key} must be a list of objects with string keys {sorted(keys)}")
    skills = label["skills"]
    if not isinstance(skills, list) or not all(isinstance(s, str) and s.strip() for s in skills):
        raise LabelError("skills must be a list of non-empty strings")
    if len(skills) > MAX_SKILLS:
        raise LabelError(f"skills holds at most {MAX_SKILLS} entries")
    return label


def load_label(path: Path) -> dict:
    return validate_label(json.loads(path.read_text(encoding="utf-8")))


def label_from_resume(resume: ResumeData) -> dict:
    """The label a person would write for a resume whose full ground truth is known."""
    info = resume.personalInfo
    return {
        "name": info.name,
        "email": info.email,
        "phone": info.phone,
        "jobs": [
            {"title": job.title, "company": job.company, "dates": job.years}
            for job in resume.workExperience
        ],
        "education": [
            {"institution": school.institution, "degree": school.degree}
            for school in resume.education
        ],
        "skills": [s for s in resume.additional.technicalSkills if s.strip()][:MAX_SKILLS],
    }


def _check(score: LabelScore, kind: str, where: str, expected: str, got: str) -> None:
    normalize = normalize_phone if kind == "phone" else normalize_value
    tally = score.fields[kind]
    tally.total += 1
    if normalize(expected) == normalize(got):
        tally.right += 1
    else:
        score.misses.append(f"{where}: expected {expected!r}, got {got!r}")
        score.miss_kinds[kind, miss_kind(normalize(expected), normalize(got))] += 1


def miss_kind(expected: str, got: str) -> str:
    """How a wrong field went wrong: nothing read, something read where the page has nothing,
    or another value (a neighbour's text, a part of the value, the value with more)."""
    if not got:
        return "missed"
    if not expected:
        return "invented"
    if got in expected:
        return "part"
    if expected in got:
        return "too much"
    return "other value"


def score_label(label: dict, predicted: ResumeData) -> LabelScore:
    """Field-by-field accuracy of one parse against one label."""
    score = LabelScore()
    info = predicted.personalInfo
    for kind, got in (("name", info.name), ("email", info.email), ("phone", info.phone)):
        _check(score, kind, kind, label[kind], got)

    jobs = predicted.workExperience
    count = score.fields["job_count"]
    count.total += 1
    if len(jobs) == len(label["jobs"]):
        count.right += 1
    else:
        score.misses.append(f"job count: expected {len(label['jobs'])}, got {len(jobs)}")
        score.miss_kinds[
            "job_count", "too few" if len(jobs) < len(label["jobs"]) else "too many"
        ] += 1
    for index, job in enumerate(label["jobs"]):
        found = jobs[index] if index < len(jobs) else None
        for kind, key, attribute in (
            ("job_title", "title", "title"),
            ("job_company", "company", "company"),
            ("job_dates", "dates", "years"),
        ):
            got = getattr(found, attribute) if found else ""
            _check(score, kind, f"jobs[{index}].{key}", job[key], got)

    schools = predicted.education
    for index, school in enumerate(label["education"]):
        found = schools[index] if index < len(schools) else None
        for key in ("institution", "degree"):
            got = getattr(found, key) if found else ""
            _check(score, key, f"education[{index}].{key}", school[key], got)

    listed = predicted.additional.technicalSkills + predicted.additional.languages
    parsed_skills = {normalize_value(s) for s in listed}
    tally = score.fields["skills"]
    for skill in label["skills"][:MAX_SKILLS]:
        tally.total += 1
        if normalize_value(skill) in parsed_skills:
            tally.right += 1
        else:
            score.misses.append(f"skills: {skill!r} not among the parsed skills")
            score.miss_kinds["skills", "missed"] += 1
    return score


def format_accuracy(score: LabelScore) -> str:
    """One row per field kind: right, total, accuracy ("-" when the kind never occurred)."""
    rows = [f"{'field':<13}{'right':>7}{'total':>7}{'accuracy':>10}"]
    for kind, tally in [*score.fields.items(), ("overall", score.overall)]:
        accuracy = "-" if tally.accuracy is None else f"{tally.accuracy:.3f}"
        rows.append(f"{kind:<13}{tally.right:>7}{tally.total:>7}{accuracy:>10}")
    return "\n".join(rows)


def format_miss_kinds(score: LabelScore) -> str:
    """Misses per field kind and how they went wrong, one row per field kind."""
    rows = []
    for kind in FIELD_KINDS:
        kinds = {how: n for (k, how), n in score.miss_kinds.items() if k == kind}
        if kinds:
            detail = ", ".join(
                f"{how} {n}" for how, n in sorted(kinds.items(), key=lambda x: -x[1])
            )
            rows.append(f"{kind:<13}{detail}")
    return "\n".join(rows)
