"""The one match scorer and skill coverage."""

from hypothesis import given, settings
from hypothesis import strategies as st

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.scoring import (
    Coverage,
    match_percentage,
    resume_evidence,
    skill_coverage,
    weighted_terms,
)
from refleum.resume_data import Additional, ResumeData, WorkExperience


def _resume(bullets=(), skills=(), title="Backend Engineer") -> ResumeData:
    return ResumeData(
        workExperience=[
            WorkExperience(id=1, title=title, company="Acme", description=list(bullets))
        ],
        additional=Additional(technicalSkills=list(skills)),
    )


def test_worked_example_from_the_docs():
    # required Python, PostgreSQL, Kubernetes (3 each); preferred Terraform (2); keyword SaaS (1)
    keywords = JobKeywords(
        required_skills=["Python", "PostgreSQL", "Kubernetes"],
        preferred_skills=["Terraform"],
        keywords=["SaaS"],
    )
    resume = _resume(["Built a SaaS billing API in Python on Postgres"], ["Docker"])
    # Python 3 + PostgreSQL as "Postgres" 3 * 0.5 + SaaS 1 = 5.5 of 3*3 + 2 + 1 = 12 -> 45.8
    assert match_percentage(resume, keywords) == 45.8
    # Written the JD's way, PostgreSQL earns its full weight: 7 of 12 -> 58.3
    resume = _resume(["Built a SaaS billing API in Python on PostgreSQL"], ["Docker"])
    assert match_percentage(resume, keywords) == 58.3


def test_aliases_and_skills_list_items_earn_half_credit():
    keywords = JobKeywords(required_skills=["Kubernetes", "Go", "JavaScript"])
    resume = _resume(["Ran services on k8s"], ["golang", "JS"])
    assert match_percentage(resume, keywords) == 50.0
    assert skill_coverage(resume, keywords).missing_required == []


def test_words_of_a_skill_that_are_not_the_skill_earn_nothing():
    keywords = JobKeywords(required_skills=["Go"])
    assert match_percentage(_resume(["Led the go to market plan"]), keywords) == 0.0


def test_free_text_term_naming_a_skill_credits_the_skill_wording():
    keywords = JobKeywords(required_skills=["Python (3+ years)", "Postgres experience"])
    resume = _resume(["Python and PostgreSQL services"])
    assert match_percentage(resume, keywords) == 75.0


def test_whole_word_only():
    keywords = JobKeywords(required_skills=["Java"], keywords=["payments"])
    resume = _resume(["Wrote JavaScript for a prepayments team"])
    assert match_percentage(resume, keywords) == 0.0


def test_free_text_terms_match_whole_words_case_insensitively():
    keywords = JobKeywords(keywords=["stakeholder alignment", "zebra"])
    resume = _resume(["Drove Stakeholder Alignment across teams"])
    assert match_percentage(resume, keywords) == 50.0


def test_required_outweighs_preferred_outweighs_keywords():
    keywords = JobKeywords(required_skills=["Python"], preferred_skills=["Go"], keywords=["Rust"])
    assert match_percentage(_resume(skills=["Python"]), keywords) == 50.0
    assert match_percentage(_resume(skills=["Go"]), keywords) == 33.3
    assert match_percentage(_resume(skills=["Rust"]), keywords) == 16.7


def test_duplicate_terms_count_once_at_highest_weight():
    keywords = JobKeywords(required_skills=["PostgreSQL"], keywords=["Postgres", "postgresql"])
    assert weighted_terms(keywords) == [("PostgreSQL", 3)]


def test_empty_keywords_score_zero():
    assert match_percentage(_resume(["Python"]), JobKeywords()) == 0.0


def test_coverage_lists_gaps_in_jd_order():
    keywords = JobKeywords(
        required_skills=["Python", "Kubernetes", "GraphQL"], preferred_skills=["Terraform", "Go"]
    )
    coverage = skill_coverage(_resume(["Python services"], ["Golang"]), keywords)
    assert coverage == Coverage(
        present_required=["Python"],
        missing_required=["Kubernetes", "GraphQL"],
        present_preferred=["Go"],
        missing_preferred=["Terraform"],
    )


def test_evidence_reads_every_section():
    resume = ResumeData.model_validate(
        {
            "summary": "Nurse with BLS",
            "education": [{"id": 1, "degree": "BSN", "institution": "State U"}],
            "personalProjects": [{"id": 1, "name": "Bot", "description": ["Used Flask"]}],
            "additional": {"certificationsTraining": ["ACLS"], "languages": ["Spanish"]},
            "customSections": {
                "volunteering": {
                    "title": "Volunteering",
                    "type": "stringList",
                    "strings": ["Taught Excel"],
                }
            },
        }
    )
    skills = resume_evidence(resume).skills
    assert {
        "Basic Life Support",
        "BSN",
        "Flask",
        "Advanced Cardiovascular Life Support",
        "Spanish",
        "Microsoft Excel",
    } <= skills


_names = st.sampled_from(["Python", "Go", "SQL", "Docker", "React", "AWS", "SaaS", "GAAP"])


@settings(max_examples=60, deadline=None)
@given(
    required=st.lists(_names, max_size=4),
    preferred=st.lists(_names, max_size=3),
    extra=st.lists(_names, max_size=3),
    skills=st.lists(_names, max_size=5),
)
def test_score_is_bounded_deterministic_and_monotone(required, preferred, extra, skills):
    keywords = JobKeywords(required_skills=required, preferred_skills=preferred, keywords=extra)
    resume = _resume(skills=skills)
    score = match_percentage(resume, keywords)
    assert 0.0 <= score <= 100.0
    assert score == match_percentage(resume, keywords)
    assert round(score, 1) == score
    more = _resume(skills=[*skills, *required])  # showing more never lowers the score
    assert match_percentage(more, keywords) >= score
