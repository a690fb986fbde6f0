"""Corpus resumes and PDF text for render tests."""

from __future__ import annotations

import io
from pathlib import Path

from pdfminer.high_level import extract_text

from refleum.resume_data import ResumeData

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "corpus"


def corpus() -> dict[str, ResumeData]:
    return {
        p.stem: ResumeData.model_validate_json(p.read_text(encoding="utf-8"))
        for p in sorted(CORPUS.glob("*.json"))
    }


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with line breaks and runs of spaces folded to one space."""
    return " ".join(extract_text(io.BytesIO(pdf)).split())


def strings_in_order(data: ResumeData) -> list[str]:
    """Every non-empty string of the resume, in the order the default layout prints it."""
    info = data.personalInfo
    out = [
        info.name,
        info.title,
        info.email,
        info.phone,
        info.location,
        info.website,
        info.linkedin,
        info.github,
        data.summary,
    ]
    for job in data.workExperience:
        out += [job.title, job.company, job.location, job.years, *job.description]
    for edu in data.education:
        out += [edu.degree, edu.institution, edu.years, edu.description]
    for proj in data.personalProjects:
        out += [proj.name, proj.role, proj.years, proj.github, proj.website, *proj.description]
    extra = data.additional
    for values in (
        extra.technicalSkills,
        extra.languages,
        extra.certificationsTraining,
        extra.awards,
    ):
        out += values
    for section in data.customSections.values():
        out += [section.title, section.text]
        for item in section.items:
            out += [item.title, item.subtitle, item.years, *item.description]
        out += section.strings
    return [s for s in out if s]
