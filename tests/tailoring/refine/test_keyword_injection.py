"""Pass 1, keyword injection: the JD's skills the truth shows, in the truth's wording."""

from __future__ import annotations

from tests.tailoring.refine.support import with_skills

from refleum.analysis.job_description import JobKeywords
from refleum.tailoring.refine.keyword_injection import inject_keywords


def test_injects_truth_skills_in_the_truths_wording(facts):
    tailored = with_skills(["Python"])
    keywords = JobKeywords(required_skills=["PostgreSQL", "k8s"], preferred_skills=["Rust"])
    resume, changes = inject_keywords(tailored, keywords, facts)
    # the truth writes "Postgres" and "Kubernetes": its wording, not the JD's
    assert resume.additional.technicalSkills == ["Python", "Postgres", "Kubernetes"]
    assert changes[0].path == "additional.technicalSkills"
    assert "Postgres" in changes[0].source_lines


def test_never_injects_what_the_truth_lacks_or_the_list_has(facts):
    tailored = with_skills(["Python", "PostgreSQL"])
    keywords = JobKeywords(
        required_skills=["Rust", "Postgres", "Python"],
        keywords=["payments experience", "SaaS", "Python"],
    )
    resume, changes = inject_keywords(tailored, keywords, facts)
    assert resume == tailored and changes == []
