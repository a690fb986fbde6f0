"""Evidence-based gaps (#16): a JD skill is a gap only when the resume neither states it
(any spelling variant or alias) nor shows it (a soft-skill evidence rule)."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.scoring import (
    ALIAS_CREDIT,
    SkillEvidence,
    match_percentage,
    resume_evidence,
    skill_coverage,
    skill_evidence,
)
from refleum.analysis.variants import line_states, variant_key
from refleum.resume_data import Additional, ResumeData, WorkExperience

CORPUS = Path(__file__).parent.parent / "fixtures" / "corpus"


def _resume(bullets=(), skills=(), title="Engineer") -> ResumeData:
    return ResumeData(
        workExperience=[
            WorkExperience(id=1, title=title, company="Acme", description=list(bullets))
        ],
        additional=Additional(technicalSkills=list(skills)),
    )


def _required(*names: str) -> JobKeywords:
    return JobKeywords(required_skills=list(names))


def test_issue_time_management_under_a_hyphen_is_not_a_gap():
    resume = _resume(skills=["Time-Management", "Python"])
    keywords = _required("Time management")
    assert skill_coverage(resume, keywords, evidence_based=False).missing_required == [
        "Time management"
    ]  # the bug, still reachable as the baseline
    assert skill_coverage(resume, keywords).missing_required == []
    assert skill_evidence(resume, keywords) == [
        SkillEvidence("Time management", "stated", "Time-Management")
    ]


def test_issue_cto_who_grew_a_team_shows_leadership_with_the_line():
    line = "Grew the engineering team from 3 to 28 engineers"
    resume = _resume([line, "Led to a 20 % drop in cloud costs"], title="CTO")
    keywords = _required("leadership")
    assert skill_coverage(resume, keywords).missing_required == []
    assert skill_evidence(resume, keywords) == [SkillEvidence("leadership", "shown", line)]


def test_led_to_a_drop_alone_is_not_leadership():
    resume = _resume(["Led to a 20 % drop in cloud costs"], title="Backend Engineer")
    assert skill_coverage(resume, _required("leadership")).missing_required == ["leadership"]


@pytest.mark.parametrize(
    ("term", "written"),
    [
        ("Time management", "Time-Management"),
        ("Time management", "time management"),
        ("Time management", "TimeManagement"),
        ("Time management", "TIME MANAGEMENT"),
        ("Problem solving", "problem-solving"),
        ("Teamwork", "team work"),
        ("Code review", "code reviews"),
        ("Stakeholder management", "Stakeholder-Management"),
        ("Microservices", "micro-services"),
    ],
)
def test_spelling_variants_state_the_skill_and_earn_full_credit(term, written):
    assert variant_key(term) == variant_key(written)
    resume = _resume(skills=[written])
    assert skill_coverage(resume, _required(term)).missing_required == []
    assert resume_evidence(resume).credit(term) == 1.0


@pytest.mark.parametrize(
    ("term", "line"),
    [
        ("Go", "Go to market plans"),  # case-sensitive skills never fold
        ("Time management", "Time sheets and management reports"),
        ("Java", "JavaScript"),
        ("Teamwork", "Team of workers"),
    ],
)
def test_look_alikes_do_not_state_the_skill(term, line):
    assert not resume_evidence(_resume([line])).shows(term)


def test_alias_written_with_a_hyphen_earns_alias_credit():
    resume = _resume(["Built multi-tasking schedulers"])
    assert resume_evidence(resume).credit("Multitasking") == 1.0  # same words, no space
    resume = _resume(["Known for Decision-Making under pressure"])
    assert resume_evidence(resume).credit("Decision making") == 1.0
    resume = _resume(["Strong Mentor-ship record"])
    assert resume_evidence(resume).credit("Mentoring") == ALIAS_CREDIT


def test_shown_skills_earn_alias_credit_in_the_match_score():
    # "Mentored" is a vocabulary alias: stated under another name, half credit as before.
    assert resume_evidence(_resume(["Mentored four interns"])).credit("Mentoring") == ALIAS_CREDIT
    keywords = _required("Stakeholder management", "Python")
    resume = _resume(["Kept stakeholders informed weekly"])
    assert resume_evidence(resume).credit("Stakeholder management") == ALIAS_CREDIT
    assert match_percentage(resume, keywords) == 25.0
    assert match_percentage(resume, keywords, evidence_based=False) == 0.0


def _corpus_skill_lists() -> list[tuple[str, list[str]]]:
    found = []
    for path in sorted(CORPUS.glob("*.json")):
        data = json.loads(path.read_text())
        skills = data.get("additional", {}).get("technicalSkills", [])
        if skills:
            found.append((path.name, skills))
    return found


CORPUS_SKILLS = _corpus_skill_lists()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_a_skill_stated_verbatim_in_the_skills_list_is_never_a_gap(data):
    name, skills = data.draw(st.sampled_from(CORPUS_SKILLS))
    stated = data.draw(st.lists(st.sampled_from(skills), min_size=1, max_size=5, unique=True))
    resume = ResumeData.model_validate_json((CORPUS / name).read_text())
    assert skill_coverage(resume, _required(*stated)).missing_required == []


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["Time management", "Problem solving", "Stakeholder management"]),
    st.sampled_from([" ", "-", ""]),
    st.booleans(),
)
def test_any_spelling_of_a_stated_skill_is_never_a_gap(term, separator, upper):
    written = separator.join(w.capitalize() for w in term.split())
    written = written.upper() if upper else written
    assert line_states(term, written)
    assert skill_coverage(_resume(skills=[written]), _required(term)).missing_required == []
