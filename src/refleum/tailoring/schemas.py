"""Tailoring value objects shared by engines, the truth guard, refinement and the API."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from refleum.analysis.job_description import JD_MAX_WORDS, JD_MIN_WORDS, JobKeywords, count_words
from refleum.languages import BCP47_SCHEMA, normalize_language_tag
from refleum.letters.schemas import CoverLetterOut, OutreachOut
from refleum.resume_data import ResumeData
from refleum.resumes.schemas import SkillShownOut


class Strategy(StrEnum):
    NUDGE = "NUDGE"
    KEYWORDS = "KEYWORDS"
    FULL = "FULL"


class RefinementStats(BaseModel):
    passes_completed: int = 0
    keywords_injected: int = 0
    ai_phrases_removed: list[str] = Field(default_factory=list)
    alignment_violations_fixed: int = 0
    initial_match_percentage: float = 0.0
    final_match_percentage: float = 0.0


class TailorRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_description: str = Field(
        description="Full text of the job description, 100–8,000 words (whitespace-separated).",
        # 100 words need at least 199 characters; the word count itself is checked on arrival.
        json_schema_extra={"minLength": 2 * JD_MIN_WORDS - 1},
    )
    strategy: Strategy | None = Field(
        default=None,
        description="Default: the organization's default_prompt_id (NUDGE unless set).",
    )
    output_language: str | None = Field(
        default=None,
        description="BCP-47 tag for generated prose, e.g. en, pt-BR. Default: the org's "
        "content_language. Other than English needs the Pro plan.",
        json_schema_extra=BCP47_SCHEMA,
    )
    generate_pdf: StrictBool = Field(
        default=False, description="JSON true or false (not 0/1 or a string)."
    )
    async_: StrictBool = Field(
        default=False,
        alias="async",
        description="true: answer 202 with a job to poll, like `Prefer: respond-async`.",
    )

    @field_validator("job_description")
    @classmethod
    def _length_in_words(cls, value: str) -> str:
        words = count_words(value)
        if not JD_MIN_WORDS <= words <= JD_MAX_WORDS:
            raise ValueError(
                f"must be between {JD_MIN_WORDS} and {JD_MAX_WORDS:,} words (got {words:,})"
            )
        return value

    @field_validator("output_language")
    @classmethod
    def _bcp47(cls, value: str | None) -> str | None:
        return None if value is None else normalize_language_tag(value)


class ChangeOut(BaseModel):
    path: str
    before: str | list[str]
    after: str | list[str]
    reason: str
    source_lines: list[str]


class RejectedOut(BaseModel):
    """An edit the truth guard refused: where, and which rule it broke (never its text)."""

    path: str
    reason: str


class TailorUsage(BaseModel):
    """The model calls and tokens of one tailor request, its letters included."""

    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0


class TailorResponse(BaseModel):
    resume_id: str
    is_master: bool
    status: str
    filename: str
    strategy: Strategy
    job_keywords: JobKeywords
    parent_id: str
    pdf_url: str | None
    refinement_stats: RefinementStats
    warnings: list[str]
    resume_data: ResumeData
    changes: list[ChangeOut]
    rejected: list[RejectedOut] = Field(
        default_factory=list,
        description="Edits the engine proposed that the truth guard refused, with the rule "
        "each broke. The refused text itself is never returned.",
    )
    gaps: list[str] = Field(
        description="Required JD skills the tailored resume neither states nor shows."
    )
    skills_shown: list[SkillShownOut] = Field(
        default_factory=list,
        description="Required then preferred JD skills the tailored resume covers, with "
        "how (stated or shown) and the line that does: the evidence behind `gaps`.",
    )
    usage: TailorUsage
    cover_letter: CoverLetterOut | None = Field(
        default=None, description="Written with the tailoring when enable_cover_letter is on."
    )
    outreach_message: OutreachOut | None = Field(
        default=None, description="Written with the tailoring when enable_outreach_message is on."
    )
