"""Letters through the organization's model: one call per document, then grounding.

Model output is hostile input. Every sentence of the answer is checked against the truth
(:mod:`refleum.letters.grounding`); the ones that claim what the resume lacks are removed
and counted in ``warnings``. When too little survives, the local engine writes the
letter instead and the warnings say so: a letter is never empty and never invented.
Provider failures and timeouts propagate (502 / 504): the caller keeps what it had.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from refleum.letters import local_engine, templates
from refleum.letters.engine_types import Draft
from refleum.letters.grounding import GroundedText, TruthIndex, ground_text, split_sentences
from refleum.letters.kinds import Kind
from refleum.llm.structured import run_structured
from refleum.llm.usage import LLMUsage
from refleum.resume_data import ResumeData

MAX_REMOVED_SHARE = 0.4
MIN_WORDS = {Kind.COVER_LETTER: 60, Kind.OUTREACH: 15}
MAX_JD_CHARS = 16_000
FALLBACK_LANGUAGE = "en"

_RULES = """Rules; sentences that break them are removed automatically:
- Every skill, tool, employer, job title, project, school, degree, certification, date and
  number you mention must appear in RESUME. Never invent metrics, years of experience,
  credentials or employers; never claim a skill the job wants but RESUME lacks.
- Take only the company name, the role and what the job needs from JOB DESCRIPTION; if it
  does not name the company or the role, do not guess them.
- Back the two or three strongest matches with concrete RESUME bullets: quote or lightly
  rephrase them and keep their numbers exactly.
- Sound like a person: plain and specific. No clichés ("I am writing to express my
  interest", "passionate", "leveraged", "spearheaded", "results-driven").
- Write in the language {language}; resume text may be quoted as written."""

COVER_SYSTEM = (
    "You write a cover letter as the candidate, in the first person.\n"
    + _RULES
    + "\n- 180 to 300 words: a greeting, two or three short paragraphs, an honest closing"
    " and a sign-off with the candidate's name.\n"
    'Answer with JSON only: {{"content": "<the letter>"}}.'
)
OUTREACH_SYSTEM = (
    "You write a short outreach message from the candidate to a recruiter or hiring"
    " manager, in the first person.\n"
    + _RULES
    + "\n- message: at most 120 words, ending with a low-pressure ask and the candidate's name."
    "\n- connection_note: at most 300 characters, for a LinkedIn connection request.\n"
    'Answer with JSON only: {{"message": "<the message>", "connection_note": "<the note>"}}.'
)


class LetterText(BaseModel):
    model_config = ConfigDict(extra="ignore")

    content: str


class OutreachText(BaseModel):
    model_config = ConfigDict(extra="ignore")

    message: str
    connection_note: str = ""


@dataclass
class LLMLetterEngine:
    model: object  # a pydantic-ai Model
    name: str
    timeout_s: float
    reasoning_effort: str | None = None
    http_client: object | None = None  # an httpx2.AsyncClient the engine owns, if any

    def supports(self, language: str) -> bool:
        return True

    async def aclose(self) -> None:
        if self.http_client is not None:
            await self.http_client.aclose()

    async def write(
        self,
        kind: Kind,
        source: ResumeData,
        truth: ResumeData,
        job_description: str,
        language: str,
        *,
        previous: str | None = None,  # noqa: ARG002 - a model writes each version afresh
    ) -> Draft:
        output_type = LetterText if kind is Kind.COVER_LETTER else OutreachText
        system = (COVER_SYSTEM if kind is Kind.COVER_LETTER else OUTREACH_SYSTEM).format(
            language=language
        )
        result = await run_structured(
            self.model,
            output_type,
            system=system,
            prompt=build_prompt(source, job_description),
            timeout_s=self.timeout_s,
            reasoning_effort=self.reasoning_effort,
        )
        index = TruthIndex.build(
            truth, job_description, language=language, extra_words=templates.all_template_text()
        )
        return checked_draft(
            kind, result.output, index, source, truth, job_description, language, result.usage
        )


def build_prompt(source: ResumeData, job_description: str) -> str:
    resume = source.model_dump(exclude_defaults=True)
    return (
        f"RESUME (JSON):\n{json.dumps(resume, ensure_ascii=False, separators=(',', ':'))}\n\n"
        f"JOB DESCRIPTION:\n{job_description[:MAX_JD_CHARS]}"
    )


def checked_draft(
    kind: Kind,
    output: LetterText | OutreachText,
    index: TruthIndex,
    source: ResumeData,
    truth: ResumeData,
    job_description: str,
    language: str,
    usage: LLMUsage,
) -> Draft:
    """The model's answer with its unsupported sentences removed, or the local letter."""
    text = output.content if isinstance(output, LetterText) else output.message
    grounded = ground_text(text, index)
    warnings = removal_warnings(grounded)
    if _too_little_left(kind, grounded):
        reason = (
            "the model's answer was empty"
            if grounded.total == 0
            else f"grounding removed {len(grounded.removed)} of {grounded.total} sentences"
        )
        return _local_fallback(
            kind,
            source,
            truth,
            job_description,
            language,
            usage,
            [*warnings, f"The {kind.label} was written by the local engine because {reason}"],
        )
    if kind is Kind.COVER_LETTER:
        return Draft(grounded.text, None, tuple(warnings), usage)
    message, cut = _within_words(grounded.text, local_engine.OUTREACH_MAX_WORDS)
    if cut:
        warnings.append(
            f"The outreach message was shortened to {local_engine.OUTREACH_MAX_WORDS} words"
        )
    note, note_warnings = _connection_note(
        output, index, kind, source, truth, job_description, language
    )
    return Draft(message, note, tuple(warnings + note_warnings), usage)


def removal_warnings(grounded: GroundedText) -> list[str]:
    if not grounded.removed:
        return []
    claims = sorted(
        {f"{c.kind} '{c.text}'" for _sentence, found in grounded.removed for c in found}
    )
    shown = ", ".join(claims[:8]) + (f" and {len(claims) - 8} more" if len(claims) > 8 else "")
    return [
        f"Removed {len(grounded.removed)} sentence(s) claiming what the resume does not "
        f"support: {shown}"
    ]


def _too_little_left(kind: Kind, grounded: GroundedText) -> bool:
    if grounded.total == 0 or len(grounded.text.split()) < MIN_WORDS[kind]:
        return True
    return len(grounded.removed) / grounded.total > MAX_REMOVED_SHARE


def _local_fallback(
    kind: Kind,
    source: ResumeData,
    truth: ResumeData,
    job_description: str,
    language: str,
    usage: LLMUsage,
    warnings: list[str],
) -> Draft:
    if not templates.supports(language):
        warnings.append(
            f"The local engine does not write '{language}'; the {kind.label} is in English"
        )
        language = FALLBACK_LANGUAGE
    local = local_engine.compose(kind, source, truth, job_description, language)
    return Draft(local.content, local.connection_note, tuple(warnings), usage)


def _connection_note(
    output: LetterText | OutreachText,
    index: TruthIndex,
    kind: Kind,
    source: ResumeData,
    truth: ResumeData,
    job_description: str,
    language: str,
) -> tuple[str, list[str]]:
    raw = output.connection_note if isinstance(output, OutreachText) else ""
    grounded = ground_text(raw, index)
    note, _cut = _within_chars(" ".join(grounded.text.split()), local_engine.NOTE_MAX_CHARS)
    warnings = [
        w.replace("sentence(s)", "connection-note sentence(s)") for w in removal_warnings(grounded)
    ]
    if note and len(grounded.removed) / max(grounded.total, 1) <= MAX_REMOVED_SHARE:
        return note, warnings
    fallback = (
        local_engine.compose(
            kind,
            source,
            truth,
            job_description,
            language if templates.supports(language) else FALLBACK_LANGUAGE,
        ).connection_note
        or ""
    )
    return fallback, [*warnings, "The connection note was written by the local engine"]


def _within_words(text: str, limit: int) -> tuple[str, bool]:
    if len(text.split()) <= limit:
        return text, False
    kept: list[str] = []
    for line in text.split("\n"):
        line_kept: list[str] = []
        for sentence in split_sentences(line):
            if len(" ".join([*kept, *line_kept, sentence]).split()) > limit:
                break
            line_kept.append(sentence)
        kept.append(" ".join(line_kept))
        if len(line_kept) < len(split_sentences(line)):
            break
    return "\n".join(kept).strip(), True


def _within_chars(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    kept = ""
    for sentence in split_sentences(text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    return kept or text[:limit].rsplit(" ", 1)[0], True
