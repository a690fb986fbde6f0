"""The coordinator: the three passes in order, and the stats they add up to."""

from __future__ import annotations

from tests.tailoring.refine.support import JD, with_skills
from tests.tailoring.test_guard import make_resume

from refleum.analysis.job_description import JobKeywords
from refleum.tailoring.refine import refine


def test_refine_counts_injected_keywords():
    truth = make_resume()
    keywords = JobKeywords(required_skills=["Docker", "Go"], keywords=["Docker"])
    result = refine(with_skills(["Python"]), truth, keywords, JD)
    assert result.stats.keywords_injected == 2
    assert result.resume.additional.technicalSkills == ["Python", "Docker", "Go"]
    assert result.stats.passes_completed == 3
