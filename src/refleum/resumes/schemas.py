"""Request and response models of the resume endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from refleum.analysis.job_description import JobKeywords
from refleum.resume_data import ResumeData
from refleum.resumes.models import Resume


class ResumeSummary(BaseModel):
    """A resume as listed and as returned by upload (the seed's fields)."""

    resume_id: str
    is_master: bool
    status: Literal["PROCESSING", "READY", "FAILED"]
    title: str | None = None
    filename: str
    warnings: list[str]
    parent_id: str | None = None
    strategy: str | None = None
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, resume: Resume) -> ResumeSummary:
        return cls(
            resume_id=resume.id,
            is_master=resume.is_master,
            status=resume.status,
            title=resume.title,
            filename=resume.filename,
            warnings=list(resume.warnings or []),
            parent_id=resume.parent_id,
            strategy=resume.strategy,
            created_at=resume.created_at,
            updated_at=resume.updated_at,
        )


class SkillShownOut(BaseModel):
    """A required or preferred JD skill that is not a gap, and the resume line behind it."""

    skill: str = Field(description="The JD skill, as the job description names it.")
    how: Literal["stated", "shown"] = Field(
        description="`stated`: the resume names it (any case, hyphen, space, plural or "
        "alias). `shown`: a soft skill the resume demonstrates without naming it, e.g. "
        "leadership from 'grew the team from 3 to 28 engineers'."
    )
    line: str = Field(description="The resume line that states or shows it.")


class ResumeOut(ResumeSummary):
    """One resume with its content and tailoring provenance."""

    structured_data: ResumeData | None = Field(
        default=None, description="The parsed resume; null until parsing has succeeded."
    )
    job_description: str | None = Field(
        default=None, description="The job description a tailored resume was made for."
    )
    job_keywords: JobKeywords | None = Field(
        default=None, description="What that job description asks for (tailored resumes)."
    )
    gaps: list[str] | None = Field(
        default=None,
        description="Tailored resumes: the required JD skills it neither states nor shows, as "
        "the tailor call returned them. Null on an uploaded resume.",
    )
    skills_shown: list[SkillShownOut] | None = Field(
        default=None,
        description="Tailored resumes: the JD skills it covers, with how and the line that "
        "does, as the tailor call returned them. Null on an uploaded resume.",
    )

    @classmethod
    def of(cls, resume: Resume) -> ResumeOut:
        return cls(
            **ResumeSummary.of(resume).model_dump(),
            structured_data=resume.structured_data,
            job_description=resume.job_description,
            job_keywords=resume.job_keywords,
            **_gap_report(resume),
        )


def _gap_report(resume: Resume) -> dict[str, Any]:
    """The tailor call's gap report, kept in the child's provenance; none for an upload.

    Children tailored before skills_shown was stored have gaps but no evidence: an empty list.
    """
    if not resume.tailoring:
        return {"gaps": None, "skills_shown": None}
    return {
        "gaps": list(resume.tailoring.get("gaps") or []),
        "skills_shown": list(resume.tailoring.get("skills_shown") or []),
    }


class ResumeDeleted(BaseModel):
    resume_id: str
    deleted: bool = True


class ResumePatch(BaseModel):
    """All fields optional; ``structuredData`` and ``structured_data`` are the same field."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=300)
    structuredData: dict[str, Any] | None = Field(
        default=None,
        description="Part or all of a ResumeData, merged into the stored one (objects merged, "
        "lists replaced); the result must be valid ResumeData. Also accepted as "
        "structured_data.",
    )
    # Accepted, but only one spelling is published: generated clients name both
    # structured_data, and a client generator drops an operation with two such fields.
    structured_data: SkipJsonSchema[dict[str, Any] | None] = None
    status: Literal["READY", "FAILED"] | None = Field(
        default=None,
        description="READY or FAILED. To parse again, use POST /resumes/{id}/retry.",
    )
    filename: str | None = Field(default=None, min_length=1, max_length=300)

    @model_validator(mode="after")
    def _one_spelling(self) -> ResumePatch:
        if self.structuredData is not None and self.structured_data is not None:
            raise ValueError("send structuredData or structured_data, not both")
        return self

    @property
    def structured_patch(self) -> dict[str, Any] | None:
        return self.structuredData if self.structuredData is not None else self.structured_data
