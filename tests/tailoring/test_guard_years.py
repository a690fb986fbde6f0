"""The truth checks and the summary's two additions (#16): the years of experience the
dates add up to, and the soft skills the resume shows by evidence; nothing more."""

from __future__ import annotations

import pytest

from refleum.analysis.facts import TruthFacts, new_claims
from refleum.analysis.job_description import JobKeywords
from refleum.analysis.tenure import experience_years
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.guard import apply_edits
from refleum.tailoring.pipeline import apply_and_refine

TRUTH = ResumeData.model_validate(
    {
        "personalInfo": {"name": "Ana Silva", "title": "Backend Engineer"},
        "summary": "Backend engineer.",
        "workExperience": [
            {
                "id": 1,
                "title": "Backend Engineer",
                "company": "Globex",
                "years": "Jan 2018 - Present",
                "description": [
                    "Built billing services in Python for 12 banks",
                    "Grew the team from 3 to 28 engineers",
                ],
            },
            {
                "id": 2,
                "title": "Developer",
                "company": "Initech",
                "years": "2014 - 2017",
                "description": ["Wrote Python scripts"],
            },
        ],
    }
)
YEARS = experience_years(TRUTH)  # 2014..2017 and 2018..today: the dates, not a constant


def _summary(text: str) -> Edit:
    return Edit(path="summary", original=TRUTH.summary, value=text, reason="test")


def _guard(*edits: Edit):
    return apply_edits(TRUTH, TRUTH, list(edits))


def test_the_dates_give_a_figure():
    assert YEARS is not None and YEARS >= 11


def test_summary_may_state_the_years_the_dates_give():
    result = _guard(_summary(f"Backend Engineer with {YEARS} years of experience in Python."))
    assert not result.rejected
    assert result.resume.summary.startswith(f"Backend Engineer with {YEARS} years")


@pytest.mark.parametrize(
    "claim",
    [
        f"{(YEARS or 0) + 3} years of experience",  # a hostile LLM summary inflating tenure
        f"{(YEARS or 0) + 1}+ years",
        "12 years of experience",  # 12 is in the truth, but as banks, not as years
        "28-year career",
        "twenty years of experience",
    ],
)
def test_summary_claiming_other_years_is_rejected(claim):
    result = _guard(_summary(f"Backend Engineer with {claim} in Python."))
    assert not result.applied
    assert "adds what the original resume does not contain: number" in result.rejected[0].reason


def test_the_years_figure_is_only_a_number_of_years():
    result = _guard(_summary(f"Backend Engineer who shipped {YEARS} products in Python."))
    assert result.rejected and f"number '{YEARS}'" in result.rejected[0].reason


def test_a_bullet_may_not_claim_the_total():
    bullet = TRUTH.workExperience[0].description[0]
    edit = Edit(
        path="workExperience[0].description[0]",
        original=bullet,
        value=f"{bullet} over {YEARS} years",
        reason="test",
    )
    result = _guard(edit)
    assert result.rejected and "number" in result.rejected[0].reason


def test_years_the_resume_states_itself_stand():
    truth = TRUTH.model_copy(deep=True)
    truth.summary = "Nurse with 9 years in intensive care."
    facts = TruthFacts.from_resume(truth)
    assert new_claims("Nurse with 9 years of ICU care.", facts) == []
    assert new_claims("Nurse with 10 years of ICU care.", facts)


def test_summary_may_name_a_soft_skill_the_resume_shows():
    result = _guard(_summary("Backend Engineer with experience in Python and team leadership."))
    assert not result.rejected  # "Grew the team from 3 to 28 engineers" shows it
    bare = TRUTH.model_copy(deep=True)
    bare.workExperience[0].description = ["Built billing services in Python for 12 banks"]
    refused = apply_edits(bare, bare, [_summary("Engineer with team leadership.")])
    assert refused.rejected and "skill 'team leadership'" in refused.rejected[0].reason


def test_a_shown_skill_stays_out_of_bullets():
    bullet = TRUTH.workExperience[1].description[0]
    edit = Edit(
        path="workExperience[1].description[0]",
        original=bullet,
        value=f"{bullet} with team leadership",
        reason="test",
    )
    assert _guard(edit).rejected


def test_pass_three_keeps_the_dated_years_and_reverts_a_hostile_summary():
    honest = _summary(f"Backend Engineer with {YEARS} years of experience in Python.")
    outcome = apply_and_refine(TRUTH, TRUTH, [honest], JobKeywords(), "Python")
    assert outcome.resume.summary == honest.value
    # Whatever route a hostile summary takes to pass 3, it goes back to the truth's.
    hostile = TRUTH.model_copy(deep=True)
    hostile.summary = f"Backend Engineer with {(YEARS or 0) + 5} years of experience."
    outcome = apply_and_refine(hostile, TRUTH, [], JobKeywords(), "Python")
    assert outcome.resume.summary == TRUTH.summary
