"""The API's public JSON as pydantic models, named as in /openapi.json's components.

Every model allows fields it does not know, so a newer server never breaks an older client.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="allow")


class PersonalInfo(ApiModel):
    name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    location: str = ""
    website: str = ""
    linkedin: str = ""
    github: str = ""


class WorkExperience(ApiModel):
    id: int
    title: str = ""
    company: str = ""
    location: str = ""
    years: str = ""
    description: list[str] = Field(default_factory=list)


class Education(ApiModel):
    id: int
    institution: str = ""
    degree: str = ""
    years: str = ""
    description: str = ""


class PersonalProject(ApiModel):
    id: int
    name: str = ""
    role: str = ""
    years: str = ""
    github: str = ""
    website: str = ""
    description: list[str] = Field(default_factory=list)


class Additional(ApiModel):
    technicalSkills: list[str] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=list)
    certificationsTraining: list[str] = Field(default_factory=list)
    awards: list[str] = Field(default_factory=list)


class ResumeData(ApiModel):
    """The structured resume; field names are the contract's camelCase."""

    personalInfo: PersonalInfo = Field(default_factory=PersonalInfo)
    summary: str = ""
    workExperience: list[WorkExperience] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    personalProjects: list[PersonalProject] = Field(default_factory=list)
    additional: Additional = Field(default_factory=Additional)
    customSections: dict[str, Any] = Field(default_factory=dict)


class JobKeywords(ApiModel):
    required_skills: list[str] = Field(default_factory=list)
    preferred_skills: list[str] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    key_responsibilities: list[str] = Field(default_factory=list)
    experience_years: int | None = None
    seniority_level: str | None = None


class ResumeSummary(ApiModel):
    """A resume as uploads and lists answer it."""

    resume_id: str
    is_master: bool
    status: str  # PROCESSING, READY or FAILED; a str so a new status cannot break a client
    title: str | None = None
    filename: str
    warnings: list[str] = Field(default_factory=list)
    parent_id: str | None = None
    strategy: str | None = None
    created_at: datetime
    updated_at: datetime


class SkillShownOut(ApiModel):
    """A JD skill that is not a gap: "stated" (named, any spelling) or "shown" (demonstrated),
    with the resume line behind it."""

    skill: str
    how: str
    line: str = ""


class ResumeOut(ResumeSummary):
    """One resume with its parsed content (`GET /resumes/{id}`)."""

    structured_data: ResumeData | None = None
    job_description: str | None = None
    job_keywords: JobKeywords | None = None
    gaps: list[str] | None = None
    skills_shown: list[SkillShownOut] | None = None


class ResumeDeleted(ApiModel):
    resume_id: str
    deleted: bool = True


class RefinementStats(ApiModel):
    passes_completed: int = 0
    keywords_injected: int = 0
    ai_phrases_removed: list[str] = Field(default_factory=list)
    alignment_violations_fixed: int = 0
    initial_match_percentage: float = 0.0
    final_match_percentage: float = 0.0


class ChangeOut(ApiModel):
    path: str
    before: str | list[str]
    after: str | list[str]
    reason: str
    source_lines: list[str] = Field(default_factory=list)


class RejectedOut(ApiModel):
    path: str
    reason: str


class TailorUsage(ApiModel):
    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0


class _Letter(ApiModel):
    resume_id: str
    content: str
    job_description: str
    language: str
    warnings: list[str] = Field(default_factory=list)
    created_at: datetime
    updated_at: datetime


class CoverLetterOut(_Letter):
    cover_letter_id: str


class OutreachOut(_Letter):
    outreach_id: str
    connection_note: str = ""


class CoverLetterDeleted(ApiModel):
    cover_letter_id: str
    deleted: bool = True


class OutreachDeleted(ApiModel):
    outreach_id: str
    deleted: bool = True


class TailorResponse(ApiModel):
    """A tailoring: the new child resume, its score, the changes and the gaps."""

    resume_id: str
    is_master: bool
    status: str
    filename: str
    strategy: str
    job_keywords: JobKeywords
    parent_id: str
    pdf_url: str | None = None
    refinement_stats: RefinementStats
    warnings: list[str] = Field(default_factory=list)
    resume_data: ResumeData
    changes: list[ChangeOut] = Field(default_factory=list)
    rejected: list[RejectedOut] = Field(default_factory=list)
    gaps: list[str] = Field(default_factory=list)
    skills_shown: list[SkillShownOut] = Field(default_factory=list)
    usage: TailorUsage = Field(default_factory=TailorUsage)
    cover_letter: CoverLetterOut | None = None
    outreach_message: OutreachOut | None = None

    @property
    def score(self) -> float:
        """The match percentage after tailoring (docs/match-score.md)."""
        return self.refinement_stats.final_match_percentage


class MonthlyUsage(ApiModel):
    month: str
    tailor_calls: int
    tailor_quota: int | None = None
    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    requests_per_minute: int
    plan: str


class PageMeta(ApiModel):
    limit: int
    offset: int
    total: int


class Page(ApiModel, Generic[T]):
    """One page of a list: `data` and `meta` (limit, offset, total)."""

    data: list[T]
    meta: PageMeta

    @property
    def next_offset(self) -> int | None:
        following = self.meta.offset + len(self.data)
        return following if self.data and following < self.meta.total else None


# Short names for the models integrators hold most.
Resume = ResumeOut
TailorResult = TailorResponse
CoverLetter = CoverLetterOut
OutreachMessage = OutreachOut
Usage = MonthlyUsage


class JobError(ApiModel):
    error: str
    detail: str


class Job(ApiModel):
    """An async request (`Prefer: respond-async`): poll it with `get_job` / `wait_for_job`."""

    id: str
    kind: str  # tailor, cover_letter, outreach
    status: str  # queued, running, succeeded, failed
    created_at: datetime
    updated_at: datetime
    finished_at: datetime | None = None
    result: dict[str, Any] | None = None
    error: JobError | None = None

    @property
    def done(self) -> bool:
        return self.status in ("succeeded", "failed")
