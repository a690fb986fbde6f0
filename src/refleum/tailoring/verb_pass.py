"""The pipeline's last word on opening verbs (issue #16), after every engine and pass:

1. **Meaning**: a bullet whose opening verb changed to one outside its meaning class
   (verbs.py, ``data/verb_classes.json``) gets its original opener back, whoever changed it:
   the local engine, an LLM engine (whose leading verbs the truth guard does not judge) or
   the AI-phrase pass ("Spearheaded" -> "led" is a meaning change, so it is undone).
2. **Repetition**: no verb opens more bullets than max(its count in the original, 2); when a
   rewording breaks that, the later reworded bullets get their original verb back.

Each bullet is traced to the original bullet it came from by the text after the verb, so
reorders and term swaps do not lose the trail. Restoring only ever copies the original's
own words back, so it can add nothing the truth guard would refuse.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from refleum.resume_data import ResumeData
from refleum.tailoring.edits import AppliedChange
from refleum.tailoring.paths import EditableLine, LineKind, editable_lines, get_value, set_value
from refleum.tailoring.verbs import LEGACY_REWORDING, lead_word, opening_past, verb_change_allowed

# Below this similarity of the text after the verb, a bullet is taken as new wording with no
# single original (an LLM rewrite): its verb is then left to the truth guard.
_MIN_SIMILARITY = 0.6
MIN_REPEAT_BOUND = 2


@dataclass
class _Bullet:
    path: str
    text: str
    origin: str | None


def repetition_bound(verb: str, original: Counter[str]) -> int:
    return max(original[verb], MIN_REPEAT_BOUND)


def bullet_openers(resume: ResumeData) -> Counter[str]:
    """How many bullets each (lowercased) first word opens."""
    return Counter(
        lead_word(line.text) for line in editable_lines(resume) if line.kind == LineKind.BULLET
    )


def keep_verbs(resume: ResumeData, source: ResumeData) -> tuple[ResumeData, list[AppliedChange]]:
    """``resume`` with out-of-class verb changes and over-repeated verbs reverted."""
    if LEGACY_REWORDING.get():
        return resume, []
    origins = Origins(source)
    bullets = [
        _Bullet(line.path, line.text, origins.of(line, resume))
        for line in editable_lines(resume)
        if line.kind == LineKind.BULLET
    ]
    restored: dict[str, tuple[str, str]] = {}  # path -> (before, after)
    for bullet in bullets:
        if bullet.origin and not verb_change_allowed(bullet.origin, bullet.text):
            _restore(bullet, restored, "keeps the original verb: the new one changes the meaning")
    original_counts = bullet_openers(source)
    counts = Counter(lead_word(b.text) for b in bullets)
    for verb in sorted(counts):
        for bullet in reversed(bullets):
            if counts[verb] <= repetition_bound(verb, original_counts):
                break
            if lead_word(bullet.text) != verb or not bullet.origin:
                continue
            back = lead_word(bullet.origin)
            if back == verb or counts[back] + 1 > repetition_bound(back, original_counts):
                continue
            _restore(bullet, restored, f'keeps the original verb: too many bullets open "{verb}"')
            counts[verb] -= 1
            counts[back] += 1
    changes = []
    for bullet in bullets:
        if bullet.path in restored:
            before, reason = restored[bullet.path]
            resume = set_value(resume, bullet.path, bullet.text)
            changes.append(
                AppliedChange(
                    path=bullet.path,
                    before=before,
                    after=bullet.text,
                    reason=f"Verb check: {reason}",
                    source_lines=[bullet.origin or ""],
                )
            )
    return resume, changes


class Origins:
    """Finds the original bullet a tailored one was reworded from, in near-linear time (an
    at-cap resume has ~1,500 bullets): the same text after the verb anywhere, else the
    bullet at the same path if alike, else the most alike bullet of the same entry (found by
    its id, so entry reorders do not matter)."""

    def __init__(self, source: ResumeData) -> None:
        self.texts: set[str] = set()
        self.by_rest: dict[str, list[str]] = {}
        self.by_path: dict[str, str] = {}
        self.by_entry: dict[object, list[str]] = {}
        for line in editable_lines(source):
            if line.kind == LineKind.BULLET:
                self.texts.add(line.text)
                rest = _rest(line.text)
                if rest:  # one-word bullets ("hiking", "yoga") share an empty rest: no trail
                    self.by_rest.setdefault(rest, []).append(line.text)
                self.by_path[line.path] = line.text
                self.by_entry.setdefault(_entry_key(source, line.owner), []).append(line.text)

    def of(self, line: EditableLine, tailored: ResumeData) -> str | None:
        if line.text in self.texts:
            return line.text  # unchanged: its own origin, whatever else shares its wording
        rest = _rest(line.text)
        if not rest:
            return None
        same = self.by_path.get(line.path)
        if rest in self.by_rest:
            # "Built APIs" and "Designed APIs" share a rest: the one at this path wins.
            candidates = self.by_rest[rest]
            return same if same in candidates else candidates[0]
        if same is not None and _alike(_rest(same), rest) >= 0.9:
            return same
        siblings = self.by_entry.get(_entry_key(tailored, line.owner), [])
        scored = [(_alike(_rest(text), rest), text) for text in siblings]
        best = max(scored, default=(0.0, None))
        return best[1] if best[0] >= _MIN_SIMILARITY else None


def _entry_key(resume: ResumeData, owner: str | None) -> object:
    entry = get_value(resume, owner) if owner else None
    entry_id = getattr(entry, "id", None)
    section = owner.split("[", 1)[0] if owner else None
    return (section, entry_id) if entry_id is not None else owner


def _rest(text: str) -> str:
    return opening_past(text)[1].strip().lower()


def _alike(a: str, b: str) -> float:
    return 1.0 if a == b else SequenceMatcher(None, a, b, autojunk=False).ratio()


def _restore(bullet: _Bullet, restored: dict[str, tuple[str, str]], reason: str) -> None:
    origin = bullet.origin or ""
    _, origin_rest = opening_past(origin)
    prefix = origin[: len(origin) - len(origin_rest)]
    _, current_rest = opening_past(bullet.text)
    before = restored.get(bullet.path, (bullet.text, ""))[0]
    bullet.text = prefix + current_rest
    restored[bullet.path] = (before, reason)
