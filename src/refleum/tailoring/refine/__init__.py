"""The three refinement passes run after the truth guard.

1. **Keyword injection**: JD skills the truth source shows (whole word, alias-aware) but
   the tailored skills list lacks are appended to ``additional.technicalSkills`` in the
   truth's own wording. Only vocabulary skills are injected; nothing the truth lacks.
2. **AI-phrase removal**: the phrases in ``data/ai_phrases.json`` are replaced by plain
   words in the summary and bullets: whole word, case-preserving, longest first; never
   inside a protected name, a date or a URL, never a phrase the JD uses.
3. **Alignment validation**: the tailored resume is compared with the truth field by
   field; whatever the truth does not hold is removed, reverted or restored.

The match percentages in the stats are the pipeline's to fill, from the scorer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from refleum.parsing.grounding import normalize_for_grounding, occurs_in
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange
from refleum.tailoring.facts import SkillFinder, TruthFacts, date_values, new_claims
from refleum.tailoring.guard import protected_terms_of, supporting_lines
from refleum.tailoring.paths import set_value
from refleum.tailoring.schemas import JobKeywords, RefinementStats

SKILLS_PATH = "additional.technicalSkills"
_SPACES = re.compile(r"\s+")


@dataclass
class RefineResult:
    resume: ResumeData
    stats: RefinementStats
    changes: list[AppliedChange] = field(default_factory=list)


def refine(
    resume: ResumeData,
    truth: ResumeData,
    keywords: JobKeywords,
    job_description: str,
    *,
    skill_finder: SkillFinder | None = None,
) -> RefineResult:
    """Run the three passes over ``resume`` (already guarded), proven against ``truth``."""
    facts = TruthFacts.from_resume(truth, skill_finder=skill_finder)
    changes: list[AppliedChange] = []

    resume, injected = inject_keywords(resume, keywords, facts)
    changes += injected

    phrases = remove_ai_phrases(resume, truth, job_description, facts)
    changes += phrases.changes

    aligned = align_with_truth(phrases.resume, truth, facts)
    changes += aligned.changes

    stats = RefinementStats(
        passes_completed=3,
        keywords_injected=sum(len(c.after) - len(c.before) for c in injected),
        ai_phrases_removed=phrases.removed,
        alignment_violations_fixed=aligned.violations,
    )
    return RefineResult(resume=aligned.resume, stats=stats, changes=changes)


def inject_keywords(
    resume: ResumeData, keywords: JobKeywords, facts: TruthFacts
) -> tuple[ResumeData, list[AppliedChange]]:
    """Pass 1: the JD's skills that the truth shows and the skills list lacks, appended in
    the truth's wording. Returns the new resume and at most one change record."""
    skills = list(resume.additional.technicalSkills)
    listed = {m.canonical for item in skills for m in facts.skill_finder(item)}
    added: list[str] = []
    sources: list[str] = []
    for keyword in [*keywords.required_skills, *keywords.preferred_skills, *keywords.keywords]:
        canonical = _keyword_skill(keyword, facts)
        if canonical is None or canonical in listed or canonical not in facts.skills:
            continue
        wording, line = _truth_wording(canonical, facts)
        if wording is None:
            continue
        listed.add(canonical)
        added.append(wording)
        sources.append(line)
    if not added:
        return resume, []
    additional = resume.additional.model_copy(update={"technicalSkills": skills + added})
    change = AppliedChange(
        path=SKILLS_PATH,
        before=skills,
        after=skills + added,
        reason="Pass 1: adds skills the job asks for that the original resume shows: "
        + ", ".join(added),
        source_lines=list(dict.fromkeys(sources)),
    )
    return resume.model_copy(update={"additional": additional}), [change]


def _keyword_skill(keyword: str, facts: TruthFacts) -> str | None:
    """The one skill a JD keyword names as a whole ("k8s" -> "Kubernetes"), else None."""
    mentions = facts.skill_finder(keyword)
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    if keyword[: mention.start].strip() or keyword[mention.end :].strip():
        return None  # "experience with Kafka" is a phrase, not a skill name
    return mention.canonical


def _truth_wording(canonical: str, facts: TruthFacts) -> tuple[str | None, str]:
    """How the truth writes a skill, preferring its own skills list; and the line."""
    lines = facts.lines_with_skill(canonical)
    lines.sort(key=lambda line: not line.path.startswith(SKILLS_PATH))
    for line in lines:
        for mention in facts.skill_finder(line.text):
            if mention.canonical == canonical:
                return mention.surface.strip(), line.text
    return None, ""


# --- Pass 2: AI-phrase removal ------------------------------------------------------------

_URL_OR_EMAIL = re.compile(
    r"(?:https?://|www\.)\S+|[^\s@]{1,64}@[^\s@]{1,255}|\b\w+\.(?:com|io|org|net)\S*"
)
_OPENERS = ".!?:;•·*▪‣–—|(\n\r"
_LIST_COMMA = re.compile(r"\s*,")
_ARTICLE_BEFORE = re.compile(r"\b([Aa])(n?)(\s+)$")


@dataclass(frozen=True)
class PhraseRule:
    form: str
    replacement: str
    family: str


@dataclass
class PhraseResult:
    resume: ResumeData
    removed: list[str]
    changes: list[AppliedChange]


@lru_cache(maxsize=1)
def phrase_rules() -> tuple[PhraseRule, ...]:
    """The rules of ``data/ai_phrases.json``, longest form first."""
    path = resources.files("refleum.tailoring").joinpath("data", "ai_phrases.json")
    data = json.loads(path.read_text("utf-8"))
    rules = [
        PhraseRule(form.lower(), replacement, family["family"])
        for family in data["families"]
        for form, replacement in family["forms"].items()
    ]
    return tuple(sorted(rules, key=lambda rule: (-len(rule.form), rule.form)))


def _phrase_pattern(rules: tuple[PhraseRule, ...]) -> re.Pattern | None:
    if not rules:
        return None
    forms = "|".join(re.escape(rule.form).replace(r"\ ", r"\s+") for rule in rules)
    return re.compile(rf"(?<![\w-])(?:{forms})(?![\w-])", re.IGNORECASE)


def remove_ai_phrases(
    resume: ResumeData, truth: ResumeData, job_description: str, facts: TruthFacts
) -> PhraseResult:
    """Pass 2 over the summary and every bullet; families the JD uses are kept."""
    jd = normalize_for_grounding(job_description)
    jd_families = {rule.family for rule in phrase_rules() if occurs_in(rule.form, jd)}
    rules = tuple(rule for rule in phrase_rules() if rule.family not in jd_families)
    pattern = _phrase_pattern(rules)
    by_form = {rule.form: rule for rule in rules}
    protected = protected_terms_of(resume, truth)
    result = PhraseResult(resume=resume, removed=[], changes=[])
    for path, text in _prose_fields(resume) if pattern else []:
        new, removed = rewrite_phrases(text, pattern, by_form, protected, facts)
        if not removed or not set(new_claims(new, facts)) <= set(new_claims(text, facts)):
            continue  # a rewrite must never add to what the text claims
        result.resume = set_value(result.resume, path, new)
        result.removed += [form for form in removed if form not in result.removed]
        result.changes.append(
            AppliedChange(
                path=path,
                before=text,
                after=new,
                reason="Pass 2: replaces AI-sounding phrasing: " + ", ".join(removed),
                source_lines=supporting_lines(text, new, path, facts),
            )
        )
    return result


def _prose_fields(resume: ResumeData) -> list[tuple[str, str]]:
    fields = [("summary", resume.summary)] if resume.summary.strip() else []
    for name, entries in (
        ("workExperience", resume.workExperience),
        ("personalProjects", resume.personalProjects),
    ):
        for i, entry in enumerate(entries):
            fields += [
                (f"{name}[{i}].description[{j}]", t) for j, t in enumerate(entry.description)
            ]
    for key, section in resume.customSections.items():
        for i, item in enumerate(section.items):
            base = f"customSections.{key}.items[{i}].description"
            fields += [(f"{base}[{j}]", t) for j, t in enumerate(item.description)]
    return fields


def rewrite_phrases(
    text: str,
    pattern: re.Pattern,
    rules: dict[str, PhraseRule],
    protected: list[str],
    facts: TruthFacts,
) -> tuple[str, list[str]]:
    """``text`` with its AI phrases replaced, and the forms replaced, in order."""
    shielded = _protected_spans(text, protected)
    out, removed, cursor, capitalise_at = "", [], 0, []
    for match in pattern.finditer(text):
        if _overlaps(match.span(), shielded) or _looks_like_name(text, match, facts):
            continue
        form = _SPACES.sub(" ", match.group().lower())
        rule = rules[form]
        out += text[cursor : match.start()]
        replacement = _match_case(rule.replacement, match.group())
        following = replacement or text[match.end() :].lstrip(" ,")
        out = _ARTICLE_BEFORE.sub(lambda m, f=following: _article(m, f), out)
        if not replacement and _sentence_initial(text, match.start()):
            capitalise_at.append(len(out))
        out += replacement
        cursor = match.end()
        if not replacement and (not out.strip() or out.rstrip()[-1].isalnum()):
            comma = _LIST_COMMA.match(text, cursor)  # "an innovative, robust API"
            cursor = comma.end() if comma else cursor
        removed.append(form)
    if not removed:
        return text, []
    out += text[cursor:]
    for position in capitalise_at:
        out = _capitalise_from(out, position)
    return _tidy(out), removed


def _protected_spans(text: str, protected: list[str]) -> list[tuple[int, int]]:
    spans = [m.span() for m in _URL_OR_EMAIL.finditer(text)]
    spans += [span for _value, span in date_values(text)]
    lowered = text.lower()
    for term in protected:
        start = lowered.find(term.lower())
        while start != -1:
            spans.append((start, start + len(term)))
            start = lowered.find(term.lower(), start + 1)
    return spans


def _looks_like_name(text: str, match: re.Match, facts: TruthFacts) -> bool:
    """A capitalised phrase mid-sentence ("Robust Intelligence"), or one opening a run
    of capitalised words that are not skills, is a name: left alone."""
    if not match.group()[0].isupper():
        return False
    if not _sentence_initial(text, match.start()):
        return True
    rest = text[match.end() :]
    after = re.match(r"\s+([A-Z][\w&'-]*)", rest)
    return bool(after) and not facts.skill_finder(after.group(1))


def _sentence_initial(text: str, start: int) -> bool:
    head = text[:start].rstrip(" \t")
    return not head or head[-1] in _OPENERS


def _match_case(replacement: str, surface: str) -> str:
    if not replacement:
        return ""
    if len(surface) > 1 and surface.isupper():
        return replacement.upper()
    if surface[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement


def _article(match: re.Match, following: str) -> str:
    word = following.lstrip()
    vowel = bool(word) and word[0].lower() in "aeiou"
    return f"{match.group(1)}{'n' if vowel else ''}{match.group(3)}"


def _capitalise_from(text: str, position: int) -> str:
    for i in range(position, len(text)):
        if text[i].isalpha():
            return text[:i] + text[i].upper() + text[i + 1 :]
        if text[i] not in " ,;:-–—":
            break
    return text


def _tidy(text: str) -> str:
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"(^|[.!?]\s)[,;:]\s*", r"\1", text)
    return text.strip().lstrip(",;: ")


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


# --- Pass 3: alignment validation ---------------------------------------------------------

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

    def claims(self, text: str) -> bool:
        return bool(new_claims(text, self.facts))


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
    if mine[key] != truth[key] and state.claims(mine[key]):
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
