"""Quantified achievements a resume already states, turned into clauses for its summary.

A bullet qualifies when it carries a number (not a bare year) and opens with a verb
(English, past or present: "Reduced", "Led", "Teach"). Its clause is the verb made a
gerund and the words up to the end of the number's phrase, with the means and the
context after it left out:

    "Reduced broad-spectrum antibiotic days by 23% through stewardship rounds"
    -> "reducing broad-spectrum antibiotic days by 23%"

Every word after the verb is the bullet's own, in its order, numbers and names exactly
as written; nothing is added. A bullet in another language, or one that opens with a
noun, gives no clause: the summary goes without rather than guess at its grammar.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from refleum.analysis.facts import quantities
from refleum.analysis.relevance import JobProfile
from refleum.analysis.verb_forms import inflect, past_gerund
from refleum.resume_data import ResumeData

MAX_CLAUSE_WORDS = 14

# Present-tense openers a current job's bullets use ("Teach 5 classes"). A closed list: a
# word outside it may be a noun ("Budget of $2M"), and a noun made a gerund is nonsense.
_BASE_VERBS = frozenset(
    """
    achieve administer advise analyse analyze argue assess assist audit automate build care
    close coach conduct coordinate create cut deliver deploy design develop direct document
    draft drive educate establish evaluate execute facilitate grow handle head implement
    improve increase integrate launch lead lower maintain manage mentor migrate monitor
    negotiate operate optimise optimize organise organize oversee own plan precept prepare
    process produce provide raise recruit reduce represent research resolve review run
    schedule sell serve supervise support teach test track train treat triage write
    """.split()
)
# Openers that say what was done TO the candidate: "Promoted to lead after 6 months" made
# "promoting to lead" would say they promoted someone.
_PASSIVE_SENSE = frozenset(
    """
    promoted awarded selected recognized recognised nominated elected named invited chosen
    ranked certified licensed appointed accepted admitted featured honored honoured credited
    tasked assigned hired employed entrusted granted given sponsored funded shortlisted
    """.split()
)
_OPENER = re.compile(r"^\s*(?P<verb>[A-Za-z]+(?:-[A-Za-z]+)?)\b")
_WORD = re.compile(r"\S+")
# Where the number's phrase ends: what follows says how, where or with whom.
_BOUNDARY_WORDS = frozenset(
    """
    by through via using with while when after before during within across at in on for
    from under thanks resulting leading which that who saving serving including
    enabling generating reducing cutting increasing improving delivering driving to as
    """.split()
)
_HARD_STOP = re.compile(r"[,;:()\[\]]|\s[\u2013\u2014-]\s|\.(?:\s|$)")
_COMPLETE_BEFORE = re.compile(r"\b(?:by|to|from)\s+[$€£¥]?$", re.IGNORECASE)
_BARE_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_AND_VERB = re.compile(r"\b(?:and|then|&)\s+(?P<verb>[A-Za-z]+)\b", re.IGNORECASE)
_PARTICLES = frozenset({"up", "out", "off", "down", "over", "a", "an", "the", "of"})


@dataclass(frozen=True)
class Achievement:
    clause: str  # "reducing broad-spectrum antibiotic days by 23%"
    company: str  # the employer it was achieved at, as the resume writes it ("" if none)
    bullet: str  # the bullet it comes from, for the record


def achievements(resume: ResumeData, profile: JobProfile) -> list[Achievement]:
    """Every work-experience bullet that gives a clause, most relevant to the JD first
    (ties keep the resume's order: the latest job first)."""
    found: list[tuple[tuple[float, float, int], Achievement]] = []
    position = 0
    for job in resume.workExperience:
        for bullet in job.description:
            position += 1
            clause = achievement_clause(bullet)
            if clause:
                achievement = Achievement(clause, job.company.strip(), bullet)
                # What the clause says ranks first: "moving 14 services" is not made
                # relevant by the "k8s on AWS" its bullet had after the cut.
                rank = (-profile.score(clause), -profile.score(bullet), position)
                found.append((rank, achievement))
    return [achievement for _, achievement in sorted(found, key=lambda f: f[0])]


def achievement_clause(bullet: str) -> str | None:
    """The bullet as a gerund clause ending with its first number's phrase, or None when
    it carries no number, opens with no known verb, or the clause would run too long."""
    opener = _OPENER.match(bullet)
    if opener is None:
        return None
    gerund = _gerund(opener.group("verb"))
    number = _first_number(bullet)
    if gerund is None or number is None or number[0] < opener.end():
        return None
    if not _one_action(bullet[opener.end() : number[0]]):
        return None
    end = _phrase_end(bullet, number)
    words = bullet[opener.end() : end].split()
    while words and words[-1].lower() in _PARTICLES:
        words.pop()  # "Renewed 95% of contracts up for renewal": "up" belonged to "for"
    if not words or len(words) + 1 > MAX_CLAUSE_WORDS:
        return None
    return " ".join([gerund, *words])


def _one_action(before_number: str) -> bool:
    """Only the opener is made a gerund, so the words before the number must hold no
    second verb of its own ("Redesigned onboarding and raised completion by 19%") and no
    clause break ("Optimised slow queries, lowering latency by 45%")."""
    if _HARD_STOP.search(before_number):
        return False
    for match in _AND_VERB.finditer(before_number):
        verb = match.group("verb").lower()
        if past_gerund(verb) is not None:
            return False
    return True


def _gerund(verb: str) -> str | None:
    word = verb.lower()
    if word in _PASSIVE_SENSE:
        return None
    head, _, last = word.rpartition("-")  # "first-chaired" -> "first-" + "chairing"
    prefix = f"{head}-" if head else ""
    gerund = inflect(last, "VBG") if last in _BASE_VERBS else past_gerund(last)
    return prefix + gerund if gerund else None


def _first_number(text: str) -> tuple[int, int] | None:
    """The span of the first number that is not a bare year, with a range it opens
    ("from 800 ms to 120 ms", "61% to 84%") taken whole."""
    spans = [span for _, span in quantities(text) if not _BARE_YEAR.match(text[slice(*span)])]
    if not spans:
        return None
    start, end = spans[0]
    for next_start, next_end in spans[1:]:
        between = text[end:next_start]
        if re.fullmatch(r"\s*(?:[a-zA-Z%]{1,3}\s+)?(?:-|\u2013|to|of|out of)\s*[$€£¥]?", between):
            end = next_end
        else:
            break
    return start, end


def _phrase_end(text: str, number: tuple[int, int]) -> int:
    """Where the number's phrase ends: the first hard stop, or the first boundary word
    once the number has its noun ("$2.4M in new revenue" keeps its "in"; "by 23%" is
    complete as it stands)."""
    start, end = number
    complete = bool(_COMPLETE_BEFORE.search(text[:start]))
    position = end
    for match in _WORD.finditer(text, end):
        between = text[position : match.start()]
        if _HARD_STOP.search(between):
            break
        word = match.group()
        stop = _HARD_STOP.search(word)
        bare = word.strip(".,;:()").lower()
        if complete and bare in _BOUNDARY_WORDS:
            nxt = text[match.end() :].lstrip()
            if not (bare == "to" and nxt[:1].isdigit()):
                break
        if stop:
            return match.start() + stop.start()
        position = match.end()
        complete = True
    return position
