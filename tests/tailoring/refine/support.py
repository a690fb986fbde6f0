"""Shared by the refine pass tests: a JD and the test resume with another skills list."""

from __future__ import annotations

from tests.tailoring.test_guard import make_resume

from refleum.resume_data import ResumeData

JD = "We build payment platforms and need strong engineers."


def with_skills(skills: list[str]) -> ResumeData:
    resume = make_resume()
    additional = resume.additional.model_copy(update={"technicalSkills": skills})
    return resume.model_copy(update={"additional": additional})
