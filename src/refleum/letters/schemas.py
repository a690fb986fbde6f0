"""Request and response bodies of the cover-letter and outreach endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from refleum.analysis.job_description import JD_MAX_WORDS, count_words
from refleum.languages import BCP47_SCHEMA, normalize_language_tag
from refleum.letters.models import Letter


class LetterRequest(BaseModel):
    """Body of generate and regenerate; every field optional, the body itself too."""

    model_config = ConfigDict(extra="forbid")

    job_description: str | None = Field(
        default=None,
        description="JD override, not blank, at most 8,000 words. Default: the resume's "
        "stored JD (regenerate: the letter's own).",
        json_schema_extra={"minLength": 1},
    )
    output_language: str | None = Field(
        default=None,
        description="BCP-47 tag, e.g. en, pt-BR. Default: the organization's content_language "
        "(regenerate: the letter's own language).",
        json_schema_extra=BCP47_SCHEMA,
    )

    async_: StrictBool = Field(
        default=False,
        alias="async",
        description="true: answer 202 with a job to poll, like `Prefer: respond-async`.",
    )

    @field_validator("job_description")
    @classmethod
    def _not_blank(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.strip():
            raise ValueError("must not be empty; omit it to use the stored job description")
        words = count_words(value)
        if words > JD_MAX_WORDS:
            raise ValueError(f"must be at most {JD_MAX_WORDS:,} words (got {words:,})")
        return value

    @field_validator("output_language")
    @classmethod
    def _bcp47(cls, value: str | None) -> str | None:
        return None if value is None else normalize_language_tag(value)


class _LetterFields(BaseModel):
    resume_id: str
    content: str
    job_description: str
    language: str
    warnings: list[str]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def fields_of(letter: Letter) -> dict:
        return {
            "resume_id": letter.resume_id,
            "content": letter.content,
            "job_description": letter.job_description,
            "language": letter.language,
            "warnings": list(letter.warnings or []),
            "created_at": letter.created_at,
            "updated_at": letter.updated_at,
        }


class CoverLetterOut(_LetterFields):
    cover_letter_id: str

    @classmethod
    def of(cls, letter: Letter) -> CoverLetterOut:
        return cls(cover_letter_id=letter.id, **cls.fields_of(letter))


class CoverLetterDeleted(BaseModel):
    cover_letter_id: str
    deleted: bool = True


class OutreachDeleted(BaseModel):
    outreach_id: str
    deleted: bool = True


class OutreachOut(_LetterFields):
    outreach_id: str
    connection_note: str = Field(
        description="At most 300 characters, for a LinkedIn connection request."
    )

    @classmethod
    def of(cls, letter: Letter) -> OutreachOut:
        return cls(
            outreach_id=letter.id,
            connection_note=letter.connection_note or "",
            **cls.fields_of(letter),
        )
