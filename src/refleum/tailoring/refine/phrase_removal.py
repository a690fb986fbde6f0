"""Pass 2, AI-phrase removal: the phrases in ``data/ai_phrases.json`` are replaced by plain
words in the headline, summary and bullets: whole word, case-preserving, longest first;
never inside a protected name, a date or a URL, never a phrase the JD uses. A line's
opening verb is only replaced within its meaning class (tailoring/verbs.py, #16):
"Spearheaded X" stays, as "Led X" would change what was done.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from refleum.analysis.facts import TruthFacts, date_values, new_claims
from refleum.analysis.grounding import normalize_for_grounding, occurs_in
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange
from refleum.tailoring.guard import protected_terms_of, supporting_lines
from refleum.tailoring.paths import PROSE, editable_lines, set_value
from refleum.tailoring.verbs import LEGACY_REWORDING, lead_word, verb_change_allowed

_SPACES = re.compile(r"\s+")
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
    resume: ResumeData,
    truth: ResumeData,
    job_description: str,
    facts: TruthFacts,
    *,
    keep_summary: bool = False,
) -> PhraseResult:
    """Pass 2 over the headline, the summary (unless ``keep_summary``: NUDGE and KEYWORDS
    leave a human summary to its writer) and every bullet; families the JD uses are kept."""
    jd = normalize_for_grounding(job_description)
    jd_families = {rule.family for rule in phrase_rules() if occurs_in(rule.form, jd)}
    rules = tuple(rule for rule in phrase_rules() if rule.family not in jd_families)
    pattern = _phrase_pattern(rules)
    by_form = {rule.form: rule for rule in rules}
    protected = protected_terms_of(resume, truth)
    result = PhraseResult(resume=resume, removed=[], changes=[])
    for path, text in _prose(resume) if pattern else []:
        if keep_summary and path == "summary":
            continue
        new, removed = rewrite_phrases(text, pattern, by_form, protected, facts)
        if removed and not LEGACY_REWORDING.get() and not verb_change_allowed(text, new):
            # The opener says what was done: shield it, remove the other phrases (#16).
            shield = [*protected, text.lstrip()[: len(lead_word(text))]]
            new, removed = rewrite_phrases(text, pattern, by_form, shield, facts)
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


def _prose(resume: ResumeData) -> list[tuple[str, str]]:
    """The headline, summary and bullets; never skills, whose names are the candidate's."""
    return [(line.path, line.text) for line in editable_lines(resume) if line.kind in PROSE]


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
