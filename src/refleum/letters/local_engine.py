"""The built-in letter writer: no network, deterministic, grounded by construction.

A cover letter is greeting, why-this-role, evidence (the job's strongest skills the resume
shows, each backed by one of the resume's own bullets), an honest closing and a sign-off.
An outreach message is the same story in at most ``OUTREACH_MAX_WORDS`` words, with a
connection note of at most ``NOTE_MAX_CHARS`` characters. Which phrasing each sentence
uses is picked by a generator seeded with a hash of the resume and the JD, so the same
input always gives the same letter and different jobs read differently.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from typing import Any

from refleum.letters.evidence import Evidence, LetterFacts, letter_facts
from refleum.letters.jd_facts import JobFacts, job_facts
from refleum.letters.kinds import Kind
from refleum.letters.templates import templates_for
from refleum.resume_data import ResumeData

OUTREACH_MAX_WORDS = 120
NOTE_MAX_CHARS = 300
OUTREACH_LINE_WORDS = 28
_PAST_IRREGULAR = frozenset(
    "built led ran wrote made grew drove cut took set won taught brought began gave kept held "
    "met sold spoke found shipped rebuilt rewrote oversaw undertook overhauled broke chose "
    "drew flew fought hired paid put read sent spent stood struck told thought understood "
    "upheld withdrew became co-led co-wrote co-founded".split()
)
_CLAUSE_BREAKS = ("; ", ", ", " and ", " while ", " to ")


@dataclass(frozen=True)
class LocalDraft:
    content: str
    connection_note: str | None = None


def compose(
    kind: Kind, source: ResumeData, truth: ResumeData, job_description: str, language: str
) -> LocalDraft:
    """The letter of ``kind``; raises UnsupportedLetterLanguage for a language without
    templates."""
    words = templates_for(language)
    facts = letter_facts(source, truth, job_description)
    job = job_facts(job_description)
    pick = _Picker(_seed(kind, source, job_description, language))
    writer = _Writer(words, facts, job, pick)
    if kind is Kind.COVER_LETTER:
        return LocalDraft(writer.cover_letter())
    return LocalDraft(writer.outreach(), writer.connection_note())


def _seed(kind: Kind, source: ResumeData, job_description: str, language: str) -> int:
    payload = json.dumps(source.model_dump(), sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(f"{payload}\0{job_description}\0{kind}\0{language}".encode())
    return int.from_bytes(digest.digest()[:8], "big")


class _Picker:
    """Seeded choices that avoid repeating a phrasing within one letter while others remain."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)
        self._used: set[str] = set()

    def __call__(self, options: list[str]) -> str:
        if not options:
            return ""
        fresh = [option for option in options if option not in self._used] or options
        choice = self._random.choice(fresh)
        self._used.add(choice)
        return choice


class _Writer:
    def __init__(self, words: dict[str, Any], facts: LetterFacts, job: JobFacts, pick: _Picker):
        self.words, self.facts, self.job, self.pick = words, facts, job, pick

    # -- the two documents --------------------------------------------------------
    def cover_letter(self) -> str:
        greeting = self.fill(self.pick(self.words["greeting"][self._company_key()]))
        why = self.sentences(
            self.fill(self.pick(self.words["opening"][self._job_key()])), self._intro("intro")
        )
        lead_key = "evidence_lead" if self.facts.matched else "evidence_lead_nomatch"
        evidence = ""
        if self.facts.evidence:
            evidence = self.sentences(
                self.pick(self.words[lead_key]),
                *(self._evidence(item) for item in self.facts.evidence),
            )
        gaps = "gaps" if self.facts.gaps else "no_gaps"
        closing = self.sentences(
            self.fill(self.pick(self.words["closing"][gaps])), self.pick(self.words["thanks"])
        )
        return _paragraphs(greeting, why, evidence, closing, self._signed("signoff"))

    def outreach(self) -> str:
        opening = self.fill(self.pick(self.words["outreach_opening"][self._job_key()]))
        intro = self._intro("outreach_intro")
        first = self.facts.evidence[0] if self.facts.evidence else None
        evidence = self._evidence(first, outreach=True) if first else ""
        skills = self._skills_sentence("outreach_skills") if len(self.facts.skills) > 1 else ""
        ask = self.pick(self.words["outreach_ask"])
        signed = self._signed("outreach_signoff")
        # Optional parts go first when the message runs long: skills, then intro, then evidence.
        for parts in ((intro, evidence, skills), (intro, evidence), (evidence,), ()):
            body = self.sentences(opening, *parts, ask)
            message = _paragraphs(body, signed)
            if len(message.split()) <= OUTREACH_MAX_WORDS:
                return message
        return _paragraphs(self.sentences(opening, ask), signed)

    def connection_note(self) -> str:
        hello = self.pick(self.words["note_hello"])
        intro = self.fill(self.pick(self.words["note_intro"])) if self.facts.title else ""
        interest = self.fill(self.pick(self.words["note_interest"][self._job_key()]))
        skills = self._skills_sentence("note_skills") if self.facts.skills else ""
        close = self.pick(self.words["note_close"])
        for parts in (
            (hello, intro, interest, skills, close),
            (hello, intro, interest, close),
            (hello, interest, close),
            (interest,),
        ):
            note = self.sentences(*parts)
            if len(note) <= NOTE_MAX_CHARS:
                return note
        return note[:NOTE_MAX_CHARS].rsplit(" ", 1)[0]

    # -- sentences ----------------------------------------------------------------
    def _intro(self, key: str) -> str:
        facts = self.facts
        if not facts.title:
            return ""
        which = "title"
        if facts.employer:
            which = "current" if facts.employer_is_current else "recent"
        return self.fill(self.pick(self.words[key][which]))

    def _evidence(self, item: Evidence, *, outreach: bool = False) -> str:
        line = item.line
        text = _shorten(line.text, OUTREACH_LINE_WORDS) if outreach else line.text
        action = as_action(text) if "evidence_action" in self.words else None
        prefix = "outreach_evidence" if outreach else "evidence"
        if outreach:
            key = f"{prefix}_action" if action else f"{prefix}_quote"
        else:
            form = "action" if action else "quote"
            key = f"evidence_{form}" if item.skills else f"evidence_plain_{form}"
        where = self.words["where"][line.place].format(employer=line.employer)
        quote = f"{self.words['quote_open']}{text}{self.words['quote_close']}"
        return self.fill(
            self.pick(self.words[key]),
            where=where,
            Where=_capital(where),
            action=action or "",
            quote=quote,
            skills=self._join(list(item.skills)),
        )

    def _skills_sentence(self, key: str) -> str:
        skills = self._join(self.facts.skills[:3])
        return self.fill(self.pick(self.words[key]), skills=skills, Skills=_capital(skills))

    def _signed(self, key: str) -> str:
        signoff = self.pick(self.words[key])
        return f"{signoff}\n{self.facts.name}" if self.facts.name else signoff

    def fill(self, template: str, **extra: str) -> str:
        facts, job = self.facts, self.job
        values = {
            "company": job.company, "role": job.role, "a_role": self._article(job.role),
            "title": facts.title, "a_title": self._article(facts.title),
            "employer": facts.employer,
            "company_or_team": job.company or self.words["company_or_team"],
            **extra,
        }  # fmt: skip
        return template.format_map(values)

    def sentences(self, *parts: str) -> str:
        return " ".join(part.strip() for part in parts if part and part.strip())

    def _join(self, items: list[str]) -> str:
        if len(items) <= 1:
            return "".join(items)
        return self.words["list_separator"].join(items[:-1]) + self.words["list_last"] + items[-1]

    def _article(self, noun: str) -> str:
        if not self.words.get("articles") or not noun:
            return noun
        return f"{'an' if noun[0].lower() in 'aeiou' else 'a'} {noun}"

    def _company_key(self) -> str:
        return "company" if self.job.company else "none"

    def _job_key(self) -> str:
        job = self.job
        if job.role and job.company:
            return "role_company"
        return "role" if job.role else ("company" if job.company else "none")


def as_action(bullet: str) -> str | None:
    """``"Built X"`` -> ``"built X"`` (to follow "I"); None when the bullet does not open
    with a past-tense verb, so the letter quotes it instead of bending it."""
    first = bullet.split(" ", 1)[0]
    word = first.lower()
    if not first[:1].isupper() or first.isupper():
        return None
    if (word.endswith("ed") and len(word) > 4) or word in _PAST_IRREGULAR:
        return word + bullet[len(first) :]
    return None


def _shorten(text: str, max_words: int) -> str:
    """``text`` cut at a clause boundary to about ``max_words``: words are only removed."""
    words = text.split()
    if len(words) <= max_words:
        return text
    head = " ".join(words[:max_words])
    for boundary in _CLAUSE_BREAKS:
        cut = head.rfind(boundary)
        if cut > len(head) // 2:
            return head[:cut].rstrip(" ,;")
    return head.rstrip(" ,;")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _paragraphs(*parts: str) -> str:
    text = "\n\n".join(part.strip() for part in parts if part and part.strip())
    return re.sub(r"[ \t]+", " ", text)
