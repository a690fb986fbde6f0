"""Meaning classes of bullet-opening verbs (issue #16): which verb may replace which.

The table is ``data/verb_classes.json``. A swap is allowed only between two verbs of one
class, and only when the new verb's object restriction (if any) is met by the rest of the
bullet: "Created write-ups" can never become "Built write-ups" (create is in no class;
build needs a software object), "Spearheaded" never becomes "Led". Every path that changes
a bullet's opening verb answers to :func:`verb_change_allowed`: the local engine proposes
only allowed swaps, and the pipeline's final verb pass (verb_pass.py) reverts any other
change, whoever made it (an LLM engine or the AI-phrase pass).

``LEGACY_REWORDING`` brings back the rule as it was before #16 (the old synonym groups, no
final verb pass); it exists so ``python -m bench bench_rewording`` can print the baseline in
the same run, and nothing else sets it.
"""

from __future__ import annotations

import json
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

LEGACY_REWORDING: ContextVar[bool] = ContextVar("legacy_rewording", default=False)

GERUND_TO_PAST = {
    "managing": "Managed", "leading": "Led", "developing": "Developed", "building": "Built",
    "designing": "Designed", "maintaining": "Maintained", "creating": "Created",
    "coordinating": "Coordinated", "overseeing": "Oversaw", "supporting": "Supported",
    "handling": "Handled", "providing": "Provided", "implementing": "Implemented",
    "training": "Trained", "writing": "Wrote", "running": "Ran", "planning": "Planned",
    "analyzing": "Analyzed", "analysing": "Analysed", "preparing": "Prepared",
    "monitoring": "Monitored", "delivering": "Delivered", "improving": "Improved",
    "ensuring": "Ensured", "supervising": "Supervised", "reviewing": "Reviewed",
    "conducting": "Conducted", "organizing": "Organized", "organising": "Organised",
    "administering": "Administered", "assessing": "Assessed", "teaching": "Taught",
    "selling": "Sold", "negotiating": "Negotiated", "processing": "Processed",
    "testing": "Tested", "deploying": "Deployed", "operating": "Operated", "owning": "Owned",
    "driving": "Drove", "establishing": "Established", "executing": "Executed",
    "facilitating": "Facilitated", "mentoring": "Mentored", "recruiting": "Recruited",
    "scheduling": "Scheduled", "tracking": "Tracked", "reconciling": "Reconciled",
    "documenting": "Documented", "researching": "Researched", "producing": "Produced",
    "launching": "Launched", "optimizing": "Optimized", "automating": "Automated",
    "migrating": "Migrated", "integrating": "Integrated", "resolving": "Resolved",
    "answering": "Answered", "serving": "Served", "assisting": "Assisted",
    "coaching": "Coached", "evaluating": "Evaluated",
}  # fmt: skip
DUTY_OPENER = re.compile(
    r"^(?:I was |was |were )?(?:responsible for|in charge of|tasked with|duties included)\s+"
    r"(?P<gerund>[a-z]+ing)\b\s*",
    re.IGNORECASE,
)
FILLER_OPENER = re.compile(r"^(?:successfully|effectively)\s+(?=[A-Za-z])", re.IGNORECASE)

# The synonym groups before #16: they put create with build and spearhead-free lead with
# head, and let one JD verb take over every bullet. Kept only for the baseline.
LEGACY_VERB_GROUPS: tuple[dict[str, str], ...] = (
    {"build": "Built", "develop": "Developed", "create": "Created", "implement": "Implemented"},
    {"design": "Designed", "architect": "Architected"},
    {"lead": "Led", "head": "Headed", "direct": "Directed"},
    {"manage": "Managed", "oversee": "Oversaw", "supervise": "Supervised"},
    {"improve": "Improved", "enhance": "Enhanced", "optimize": "Optimized"},
    {"analyze": "Analyzed", "evaluate": "Evaluated", "assess": "Assessed"},
    {"teach": "Taught", "train": "Trained", "instruct": "Instructed", "educate": "Educated"},
    {"deliver": "Delivered", "ship": "Shipped", "launch": "Launched"},
    {"write": "Wrote", "author": "Authored", "draft": "Drafted"},
    {"coordinate": "Coordinated", "organize": "Organized"},
    {"collaborate": "Collaborated", "partner": "Partnered"},
)


_WORD = re.compile(r"[a-z0-9]+")
_FIRST_WORD = re.compile(r"^\s*([A-Za-z]+)\b")


@dataclass(frozen=True)
class VerbClass:
    name: str
    past: dict[str, str]  # base -> past ("build" -> "Built"), in preference order
    objects: dict[str, frozenset[str]]  # base -> words one of which the object must hold


class VerbTable:
    def __init__(self, classes: tuple[VerbClass, ...]) -> None:
        self.classes = classes
        self._index = {
            form: verb_class
            for verb_class in classes
            for base, past in verb_class.past.items()
            for form in (base, past.lower())
        }

    def class_of(self, word: str) -> VerbClass | None:
        """The class of a base or past form ("built", "build"), or None."""
        return self._index.get(word.lower())


@lru_cache(maxsize=1)
def verb_table() -> VerbTable:
    path = resources.files("refleum.tailoring").joinpath("data", "verb_classes.json")
    data = json.loads(path.read_text("utf-8"))
    classes = tuple(
        VerbClass(
            name=entry["class"],
            past=dict(entry["verbs"]),
            objects={
                base: frozenset(data[words]) for base, words in entry.get("objects", {}).items()
            },
        )
        for entry in data["classes"]
    )
    return VerbTable(classes)


@lru_cache(maxsize=1)
def legacy_table() -> VerbTable:
    """The synonym groups as they were before #16, for the benchmark's baseline."""
    return VerbTable(
        tuple(VerbClass(f"legacy-{i}", dict(g), {}) for i, g in enumerate(LEGACY_VERB_GROUPS))
    )


def _base(verb_class: VerbClass, word: str) -> str:
    word = word.lower()
    return next(b for b, p in verb_class.past.items() if word in (b, p.lower()))


def fits_object(verb_class: VerbClass, word: str, rest: str) -> bool:
    """Whether ``word`` (a member of ``verb_class``) may open a bullet whose object is ``rest``."""
    needed = verb_class.objects.get(_base(verb_class, word))
    return needed is None or not needed.isdisjoint(_WORD.findall(rest.lower()))


def lead_word(text: str) -> str:
    match = _FIRST_WORD.match(text)
    return match.group(1).lower() if match else ""


def opening_past(text: str) -> tuple[str, str]:
    """The bullet's opening verb in the past tense once a duty or filler opener is read
    ("Responsible for managing X" -> "managed"), and the text after it."""
    duty = DUTY_OPENER.match(text)
    if duty and duty.group("gerund").lower() in GERUND_TO_PAST:
        return GERUND_TO_PAST[duty.group("gerund").lower()].lower(), text[duty.end() :]
    filler = FILLER_OPENER.match(text)
    if filler:
        text = text[filler.end() :]
    match = _FIRST_WORD.match(text)
    return (match.group(1).lower(), text[match.end() :]) if match else ("", text)


def verb_change_allowed(before: str, after: str, table: VerbTable | None = None) -> bool:
    """Whether ``after`` opens with the same verb as ``before`` or one of its class that fits
    the object; a duty opener made plain ("Responsible for managing" -> "Managed") counts as
    the same verb."""
    old, _ = opening_past(before)
    new = lead_word(after)
    if not old or not new or old == new:
        return True
    table = table or verb_table()
    old_class, new_class = table.class_of(old), table.class_of(new)
    if old_class is None or old_class is not new_class:
        return False
    return fits_object(new_class, new, _FIRST_WORD.sub("", after, count=1))
