"""One resume bullet turned into first-person English prose (the local engine's writing).

A bullet is read as *verb + object + tail*: "Moved 14 services from VMs to k8s on AWS,
cutting deploy time from 40 to 6 minutes" is the verb "moved", the object "14 services from
VMs to k8s on AWS" and the result "cut deploy time from 40 to 6 minutes". The letter then
says it in another order ("I cut deploy time from 40 to 6 minutes by moving 14 services
…"), so it reads as a sentence a person wrote rather than a quoted bullet.

Only the verbs change form (``moved`` → ``moving``, ``cutting`` → ``cut``, ``Uses`` →
``use``, through ``lemminflect``); every other word, number and name is the resume's own,
in its own spelling. A bullet that does not open with a verb gives no ``Fact`` and is not
turned into prose. The sentence shapes are templates (``fact_forms`` in
``data/letter_templates.json``); which one reads best is the planner's choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refleum.analysis.verb_forms import inflect, verb_lemma

# "…, cutting deploy time" is a result; "…, including septic patients" only describes.
_RESULT_PARTICIPLE = re.compile(
    r",\s+(?:and\s+|thereby\s+)?"
    r"(?!(?:including|excluding|regarding|concerning|involving|following|according|spanning|"
    r"ranging|covering|totaling|totalling|serving)\b)(?P<verb>[a-z]+ing)\s+(?P<rest>.+)$"
)
_EFFECT_VERBS = frozenset(
    "cut reduce increase save lower improve raise grow double triple halve boost shorten "
    "eliminate prevent enable result decrease drive generate free bring speed lift expand "
    "accelerate avoid recover return yield achieve deliver exceed".split()
)
_AND_GERUND = re.compile(r"\b(?P<joint>and|or)\s+(?P<verb>[a-z]+ing)\b")
_RESULT_RELATIVE = re.compile(r",?\s+(?:that|which)\s+(?P<verb>[a-z]+)\s+(?P<rest>.+)$")
_RESULTING_IN = re.compile(r",?\s+resulting\s+in\s+(?P<rest>.+)$")
_FROM_TO = re.compile(r"\s+(?P<rest>from\s+\S+\s+to\s+\S+(?:\s+\S+)?)$")
_USED_BY = re.compile(r"\s+used\s+by\s+(?P<rest>.+)$")
# Prepositions whose phrase can open the sentence instead ("Through stewardship rounds, I
# reduced …"); "to" and "from" are left out: they pair with each other ("from 40 to 6").
_FRONTABLE = re.compile(
    r"\s(?P<prep>by(?=\s+[a-z]+ing\b)|through|using|with|via|across|for|in|on|at|during|"
    r"over|within|under|every|each)\s",
)
_PARTICLES = frozenset("up out down off back away".split())
_RESPONSIBLE = re.compile(r"^responsible\s+for\s+(?P<rest>.+)$", re.IGNORECASE)
_MIN_MAIN_WORDS = 2
_MIN_TAIL_WORDS = 2


@dataclass(frozen=True)
class Fact:
    """A bullet read as a sentence's parts, each in the resume's own words."""

    verb: str  # first person, the bullet's tense: "moved", "teach", "was responsible for"
    gerund: str  # "moving"; "" when the verb has none ("was responsible for")
    main: str  # the object: "14 services from VMs to k8s on AWS"
    tail: str  # the split-off clause, its verb as a finite past form; "" for none
    kind: str  # result | action | sequel | describes | used_by | change | fronted | plain
    plural: bool  # is the object's head noun plural ("they" or "it")


def facts(bullet: str, *, present: bool) -> list[Fact]:
    """The readings of ``bullet`` (best first); empty when it does not open with a verb.
    ``present``: the job is current, so a bullet in the present tense stays present."""
    responsible = _RESPONSIBLE.match(bullet)
    if responsible:
        verb, gerund, rest = (
            ("am" if present else "was") + " responsible for",
            "",
            responsible["rest"],
        )
    else:
        first, _, rest = bullet.partition(" ")
        forms = _verb_forms(first, present=present)
        if forms is None or not rest:
            return []
        verb, gerund = forms
    readings = [reading for split in _splits(rest) if (reading := _reading(verb, gerund, *split))]
    plain = Fact(verb, gerund, rest, "", "plain", False)
    return [*readings, plain]


def fill(form: str, fact: Fact, **context: str) -> str:
    """``form`` with the fact's parts: {verb} {gerund} {main} {tail} {Tail} {pronoun}
    {Pronoun} {be}, plus the writer's own ({at}, {At}, …)."""
    values = {
        "verb": fact.verb,
        "gerund": fact.gerund,
        "main": fact.main,
        "tail": fact.tail,
        "Tail": _capital(fact.tail),
        "pronoun": "they" if fact.plural else "it",
        "Pronoun": "They" if fact.plural else "It",
        "be": "were" if fact.plural else "was",
        **context,
    }
    return _capital(form.format_map(values).strip())


def _splits(rest: str) -> list[tuple[str, str, str]]:
    """(object, tail, kind) candidates, the clearest first."""
    before, semicolon, after = rest.partition(";")
    if semicolon:
        # "Precepted 9 nurses through the residency; all 9 completed orientation on time":
        # two sentences, or the first told alone (its own readings).
        return [(before, after, "sequel"), *_splits(before), (before, "", "plain")]
    found: list[tuple[str, str, str]] = []
    for pattern, kind in ((_RESULT_PARTICIPLE, "result"), (_RESULT_RELATIVE, "relative")):
        match = pattern.search(rest)
        if match:
            found.append((rest[: match.start()], match["verb"] + " " + match["rest"], kind))
    match = _RESULTING_IN.search(rest)
    if match:
        found.append((rest[: match.start()], "resulted in " + match["rest"], "result"))
    match = _FROM_TO.search(rest)
    if match:
        found.append((rest[: match.start()], match["rest"], "change"))
    match = _USED_BY.search(rest)
    if match:
        found.append((rest[: match.start()], match["rest"], "used_by"))
    # The later a phrase starts, the shorter the tail: try the rightmost first. A phrase
    # after a particle belongs to the verb ("contracts up for renewal") and stays.
    for match in reversed(list(_FRONTABLE.finditer(rest))):
        if rest[: match.start()].rsplit(" ", 1)[-1].lower() in _PARTICLES:
            continue
        found.append((rest[: match.start()], rest[match.start() + 1 :], "fronted"))
    return found


def _reading(verb: str, gerund: str, main: str, tail: str, kind: str) -> Fact | None:
    main, tail = main.strip(" ,;"), tail.strip(" ,;.")
    if kind == "plain":  # the first clause of a two-clause bullet, told alone
        return Fact(verb, gerund, main, "", kind, False) if main.split() else None
    if len(main.split()) < _MIN_MAIN_WORDS or len(tail.split()) < _MIN_TAIL_WORDS:
        return None
    if kind in ("result", "relative"):
        tail_verb, _, after = tail.partition(" ")
        lemma = verb_lemma(tail_verb)
        if lemma is None:
            return None
        past = inflect(lemma, "VBD")
        if kind == "relative" and tail_verb != past:
            # "payouts that process 2 million transfers": a description, not a result.
            return Fact(verb, gerund, main, tail, "describes", _plural_head(main))
        # "made assignments and coordinating teams": every verb of the result in the past.
        tail = _AND_GERUND.sub(_past_of_gerund, f"{past} {after}")
        # "That cut deploy time" reads; "That made assignments" does not: only an effect
        # may be told as what the work did, anything else is what I did besides.
        kind = "result" if lemma in _EFFECT_VERBS else "action"
    if kind == "fronted" and (
        (not gerund and tail.startswith("by "))
        or re.search(r"[,;]|\b(?:that|which|used)\b", tail)
        or " and " in f" {tail} "
    ):
        # "On AWS, cutting deploy time …, I moved …" and "In Epic and give handoffs, I
        # document …" read as nothing: a fronted phrase must be one plain phrase.
        return None
    if kind == "fronted" and "," in main and " and " not in main.rsplit(",", 1)[1]:
        return None  # "On the team, I booked 210 meetings, first of 14 SDRs": a loose end

    return Fact(verb, gerund, main, tail, kind, _plural_head(main))


def gerund(word: str) -> str | None:
    """The -ing form of a bullet's opening verb ("Sourced" -> "sourcing"), None for a
    word that is not a verb."""
    forms = _verb_forms(word, present=False)
    return forms[1] if forms else None


def _past_of_gerund(match: re.Match[str]) -> str:
    lemma = verb_lemma(match["verb"])
    return f"{match['joint']} {inflect(lemma, 'VBD')}" if lemma else match.group()


def _verb_forms(word: str, *, present: bool) -> tuple[str, str] | None:
    """(first-person form, gerund) of a bullet's opening word, or None for a non-verb."""
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return None
    prefix, _, core = word.lower().rpartition("-")  # "Co-led", "First-chaired"
    prefix = f"{prefix}-" if prefix else ""
    lemma = verb_lemma(core)
    if lemma is None:
        return None
    past, gerund = inflect(lemma, "VBD"), inflect(lemma, "VBG")
    if core in (past, inflect(lemma, "VBN")):
        form = past
    elif core in (lemma, inflect(lemma, "VBZ"), gerund):
        form = lemma if present else past
    else:
        return None
    return prefix + form, prefix + gerund


def _plural_head(phrase: str) -> bool:
    """Is the noun the tail refers back to plural ("dashboards", "APIs")? The last word
    of the object, read plainly: ends in s and is not a known singular like "process"."""
    last = re.sub(r"[^\w]", "", phrase.split()[-1]) if phrase.split() else ""
    return last.lower().endswith("s") and not last.lower().endswith(("ss", "us", "is"))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
