"""The truth guard: the only code that applies an engine's edits to a resume.

Pure and deterministic. Edits are applied one after another to the evolving resume; each
passes these gates in order or is rejected with the reason of the first it fails:

1. it is an Edit at all (garbage never raises, it is rejected);
2. its path parses, is on the allow-list for its action, and exists;
3. its ``original`` quotes the current text (whitespace-normalised, exact);
4. a replacement is a non-empty string that changes something; a reorder is a
   permutation of the current indexes that changes something;
5. the new text claims nothing (skill, number, date, proper noun) the TRUTH lacks;
   a bullet is held to its own job's (project's, item's) truth lines, so a number,
   skill or name from another job cannot move into it; a summary may state the years of
   experience the truth's dates add up to (``analysis/tenure.py``, the function the local
   engine writes it with), and no other number of years the truth does not state;
6. names, employers, institutions, dates and other protected terms the old text
   held are still there, written the same way.

Each accepted change records the truth lines that support it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from refleum.analysis.facts import (
    SkillFinder,
    SourceLine,
    TruthFacts,
    capitalised_words,
    common_words,
    date_values,
    new_claims,
    template_words,
)
from refleum.analysis.grounding import occurs_in
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange, Edit, RejectedEdit
from refleum.tailoring.paths import (
    SECTIONS_PATH,
    PathError,
    editable_reason,
    get_value,
    section_names,
    set_value,
)

_SPACES = re.compile(r"\s+")
SUMMARY_PATH = "summary"


@dataclass
class GuardResult:
    resume: ResumeData
    applied: list[AppliedChange] = field(default_factory=list)
    rejected: list[RejectedEdit] = field(default_factory=list)
    section_order: list[str] | None = None
    proposed_on: ResumeData | None = field(default=None, repr=False)  # the engine saw this


@dataclass
class _Context:
    """What every gate reads: the truth, its facts, and the terms no edit may change."""

    truth: ResumeData
    facts: TruthFacts
    terms: list[str]
    titles: set[str]
    scopes: dict[str, TruthFacts] = field(default_factory=dict)

    def facts_for(self, path: str, resume: ResumeData) -> TruthFacts:
        """A bullet is checked against its own job's (project's, item's) truth lines: a
        number, skill or name from another job is not this job's. A summary may also
        state the years the dates add up to and the soft skills the truth shows
        (``TruthFacts.summary_facts``). Else the whole truth."""
        if path == SUMMARY_PATH:
            return self.facts.summary_facts
        prefix = entry_prefix(path, resume, self.truth)
        if prefix is None:
            return self.facts
        if prefix not in self.scopes:
            self.scopes[prefix] = self.facts.scoped(prefix)
        return self.scopes[prefix]


class _Rejected(Exception):  # noqa: N818 - control flow inside this module only
    pass


def apply_edits(
    resume: ResumeData,
    truth: ResumeData,
    edits: Iterable[Any],
    *,
    protected_terms: Iterable[str] = (),
    skill_finder: SkillFinder | None = None,
) -> GuardResult:
    """Apply the edits that pass every gate; reject the rest with a precise reason.

    ``protected_terms`` are added to the terms derived from both resumes (person name,
    employers, institutions, degrees, entry titles, certifications, awards, dates): a
    replacement must keep every one its original text held.
    """
    context = _Context(
        truth=truth,
        facts=TruthFacts.from_resume(truth, skill_finder=skill_finder),
        terms=protected_terms_of(resume, truth, extra=protected_terms),
        titles=job_titles_of(resume, truth),
    )
    result = GuardResult(resume=resume, proposed_on=resume)
    for raw in _as_list(edits):
        edit = _as_edit(raw, result)
        if edit is None:
            continue
        try:
            if edit.action == "reorder":
                _apply_reorder(edit, result)
            else:
                _apply_replace(edit, result, context)
        except _Rejected as rejection:
            result.rejected.append(RejectedEdit(path=edit.path, reason=str(rejection), edit=edit))
        except Exception as error:  # an engine's garbage must never fail the request
            reason = f"could not be applied: {type(error).__name__}"
            result.rejected.append(RejectedEdit(path=edit.path, reason=reason, edit=edit))
    return result


def _as_list(edits: Any) -> list[Any]:
    if isinstance(edits, str | bytes | dict | Edit):
        return [edits]
    try:
        return list(edits)
    except TypeError:
        return [edits]


def _as_edit(raw: Any, result: GuardResult) -> Edit | None:
    if isinstance(raw, Edit):
        return raw
    try:
        return Edit.model_validate(raw)
    except ValidationError as error:
        path = raw.get("path") if isinstance(raw, dict) else None
        echo = Edit(path=path if isinstance(path, str) else "", value="")
        reason = f"malformed edit: {error.error_count()} validation error(s)"
        result.rejected.append(RejectedEdit(path=echo.path, reason=reason, edit=echo))
        return None


def _normalised(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _check_path(edit: Edit) -> None:
    reason = editable_reason(edit.path, edit.action)
    if reason is not None:
        raise _Rejected(reason)


def _current(resume: ResumeData, path: str) -> Any:
    try:
        return get_value(resume, path)
    except PathError as error:
        raise _Rejected(str(error)) from None


def _apply_replace(edit: Edit, result: GuardResult, context: _Context) -> None:
    _check_path(edit)
    current = _current(result.resume, edit.path)
    if not isinstance(current, str):
        raise _Rejected(f"{edit.path} is not a text field")
    if _normalised(edit.original) != _normalised(current):
        raise _Rejected("original does not match the current text")
    if not isinstance(edit.value, str) or not edit.value.strip():
        raise _Rejected("a replacement must be a non-empty string")
    value = edit.value.strip()
    if _normalised(value) == _normalised(current):
        raise _Rejected("the replacement changes nothing")
    claims = new_claims(value, context.facts_for(edit.path, result.resume))
    if claims:
        listed = ", ".join(str(claim) for claim in claims)
        raise _Rejected(f"adds what the original resume does not contain: {listed}")
    if edit.path.startswith("additional.technicalSkills["):
        _check_same_skills(current, value, context.facts)
    dropped = terms_altered(current, value, edit.path, context.terms, titles=context.titles)
    if dropped:
        raise _Rejected(f"alters protected term(s): {', '.join(repr(t) for t in dropped)}")
    result.resume = set_value(result.resume, edit.path, value)
    result.applied.append(
        AppliedChange(
            path=edit.path,
            before=current,
            after=value,
            reason=edit.reason,
            source_lines=supporting_lines(current, value, edit.path, context.facts),
        )
    )


def entry_prefix(path: str, resume: ResumeData, truth: ResumeData) -> str | None:
    """For a bullet path, the truth entry it belongs to (matched by id), as a line-path
    prefix: ``workExperience[1].``. None for other paths or an entry the truth lacks."""
    match = _BULLET_OWNER.match(path)
    if match is None:
        return None
    try:
        entry = get_value(resume, match.group("entry"))
        entries = get_value(truth, match.group("list"))
    except PathError:
        return None
    for k, candidate in enumerate(entries):
        if isinstance(candidate, dict) and candidate.get("id") == entry.get("id"):
            return f"{match.group('list')}[{k}]."
    return None


def _check_same_skills(current: str, value: str, facts: TruthFacts) -> None:
    """A skills-list item may be respelled ("Postgres" -> "PostgreSQL"), not swapped."""
    before = {m.canonical for m in facts.skill_finder(current)}
    after = {m.canonical for m in facts.skill_finder(value)}
    if before != after or (not before and _normalised(current).lower() != value.lower()):
        raise _Rejected("a skills-list item may only be respelled, not replaced by another")


def _apply_reorder(edit: Edit, result: GuardResult) -> None:
    _check_path(edit)
    if edit.path == SECTIONS_PATH:
        items = result.section_order or section_names(result.resume)
        labels = list(items)
    else:
        items = _current(result.resume, edit.path)
        if not isinstance(items, list):
            raise _Rejected(f"{edit.path} is not a list")
        labels = [_label(item) for item in items]
    if edit.original.strip() and not _quotes_list(edit, labels, result.proposed_on):
        raise _Rejected("original does not match the current list")
    order = edit.value
    if not isinstance(order, list) or sorted(order) != list(range(len(items))):
        raise _Rejected(f"a reorder must be a permutation of 0..{len(items) - 1}")
    if order == list(range(len(items))):
        raise _Rejected("the reorder changes nothing")
    reordered = [items[i] for i in order]
    if edit.path == SECTIONS_PATH:
        result.section_order = reordered
    else:
        result.resume = set_value(result.resume, edit.path, reordered)
    result.applied.append(
        AppliedChange(
            path=edit.path,
            before=labels,
            after=[labels[i] for i in order],
            reason=edit.reason,
            source_lines=[],  # a new order states nothing new
        )
    )


def _quotes_list(edit: Edit, labels: list[str], input_resume: ResumeData) -> bool:
    """A reorder may quote the list as it is now or as the engine saw it (replacements
    proposed beside it change items, never their number or places)."""
    quoted = _normalised(edit.original)
    if quoted == _normalised("\n".join(labels)):
        return True
    try:
        seen = get_value(input_resume, edit.path) if edit.path != SECTIONS_PATH else None
    except PathError:
        return False
    if not isinstance(seen, list) or len(seen) != len(labels):
        return False
    return quoted == _normalised("\n".join(_label(item) for item in seen))


def _label(item: Any) -> str:
    """How a list item reads in a reorder's ``original`` and in the change record."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in ("company", "institution", "name", "title"):
            if item.get(key):
                return str(item[key])
        return f"#{item.get('id', '?')}"
    return str(item)


# --- protected terms and provenance ----------------------------------------------------

_YEAR = re.compile(r"(?<![\w.,])(?:19|20)\d{2}(?!\w)")
_BULLET_OWNER = re.compile(
    r"^(?P<entry>(?P<list>workExperience|personalProjects|customSections\.\w+\.items)"
    r"\[\d+\])\.description\[\d+\]$"
)
_BULLET_PATH = re.compile(r"\.description\[\d+\]$")


def protected_terms_of(*resumes: ResumeData, extra: Iterable[str] = ()) -> list[str]:
    """Names an edit must never change: the person, employers, institutions, degrees,
    entry titles, project names, certifications, awards, languages; longest first."""
    terms: set[str] = {t.strip() for t in extra if isinstance(t, str) and t.strip()}
    for resume in resumes:
        terms.add(resume.personalInfo.name)
        for job in resume.workExperience:
            terms |= {job.company, job.title, job.location}
        for school in resume.education:
            terms |= {school.institution, school.degree}
        terms |= {project.name for project in resume.personalProjects}
        extra_info = resume.additional
        terms |= {*extra_info.certificationsTraining, *extra_info.awards, *extra_info.languages}
        for section in resume.customSections.values():
            terms |= {t for item in section.items for t in (item.title, item.subtitle)}
    kept = {term.strip() for term in terms if len(term.strip()) >= 2}
    return sorted(kept, key=lambda term: (-len(term), term))


def _dates_in(text: str) -> set[str]:
    return {d for d, _ in date_values(text)} | set(_YEAR.findall(text))


def terms_altered(
    before: str, after: str, path: str, protected: list[str], *, titles: Collection[str] = ()
) -> list[str]:
    """Protected terms and dates ``before`` holds that ``after`` changes.

    A bullet is reworded, never cut: it must keep every one. A summary may be composed
    afresh and so drop some, but never put one name or date in another's place; only a
    job title (``titles``) may stand in for another there, as the headline may.
    """
    if path == "personalInfo.title":
        return []  # a headline is one title; any title it names must be the truth's own
    strict = bool(_BULLET_PATH.search(path))
    watched = protected if strict else [t for t in protected if t not in set(titles)]
    old_terms = {t for t in watched if _holds(before, t)}
    new_terms = {t for t in watched if _holds(after, t)}
    old_dates, new_dates = _dates_in(before), _dates_in(after)
    altered: list[str] = []
    if strict or new_terms - old_terms:
        altered += sorted(old_terms - new_terms)
    if strict or new_dates - old_dates:
        altered += sorted(old_dates - new_dates)
    return altered


def job_titles_of(*resumes: ResumeData) -> set[str]:
    titles = {resume.personalInfo.title.strip() for resume in resumes}
    titles |= {job.title.strip() for resume in resumes for job in resume.workExperience}
    return {title for title in titles if title}


def _holds(text: str, term: str) -> bool:
    """Whole-token and case-sensitive: "Lead" the title is not "lead" the verb."""
    return occurs_in(_light(term), _light(text))


def _light(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def supporting_lines(before: str, after: str, path: str, facts: TruthFacts) -> list[str]:
    """The truth lines behind a replacement: the line it rewords, then one line for each
    skill or name it brings in."""
    found: list[SourceLine] = [line for line in facts.lines if line.path == path]
    same = [line for line in facts.lines if _normalised(line.text) == _normalised(before)]
    found = same[:1] or [line for line in found if before.strip()]
    old_skills = {m.canonical for m in facts.skill_finder(before)}
    for mention in facts.skill_finder(after):
        if mention.canonical not in old_skills:
            found += facts.lines_with_skill(mention.canonical)[:1]
    ordinary = common_words() | template_words() | {w.lower() for w in capitalised_words(before)}
    for word in capitalised_words(after):
        if word.lower() not in ordinary:
            found += facts.lines_with(word)[:1]
    return list(dict.fromkeys(line.text for line in found))
