"""The guard against an engine acting as a fabricator.

Every hostile edit must be rejected with the reason that names its fabrication, every
honest one must survive, and Pass 3 must clean what reaches it by any other route.
"""

from __future__ import annotations

import pytest
from tests.tailoring.test_guard import BULLETS, bullet, make_resume

from refleum.analysis.job_description import JobKeywords
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.guard import apply_edits
from refleum.tailoring.refine import refine

B0 = "Built billing services in Python and Postgres, cutting costs 35%."
B1 = "Led a team of 5 engineers on a $2.4B payments platform."
B2 = "Improved throughput 3x with Kubernetes in 2021."

FABRICATIONS = [
    pytest.param(
        bullet(0, B0.replace("35%", "9,000 accounts")),
        "number '9,000'",
        id="number-from-another-job",
    ),
    pytest.param(
        bullet(0, B0.replace("Python", "Docker")),
        "skill 'Docker'",
        id="skill-from-another-job-or-the-skills-list",
    ),
    pytest.param(
        bullet(0, B0 + " Partnered with Globex."), "entity 'Globex'", id="employer-from-another-job"
    ),
    pytest.param(bullet(0, B0.replace("Postgres", "Rust")), "skill 'Rust'", id="new-skill"),
    pytest.param(
        bullet(0, B0.replace("in Python", "at Google in Python")),
        "entity 'Google'",
        id="fake-employer-in-bullet",
    ),
    pytest.param(bullet(0, B0.replace("35%", "45%")), "number '45%'", id="metric-35-to-45"),
    pytest.param(
        bullet(1, B1 + " AWS Certified Solutions Architect."),
        "skill 'AWS Certified Solutions Architect'",
        id="new-certification",
    ),
    pytest.param(
        bullet(1, B1 + " Holds a PMP certification."),
        "skill 'PMP certification'",
        id="new-certification-acronym",
    ),
    pytest.param(
        bullet(2, B2.replace("2021", "2020")), "protected term(s): '2021'", id="changed-date"
    ),
    pytest.param(
        bullet(2, B2.replace("in 2021", "in Mar 2021")), "date 'Mar 2021'", id="new-month-precision"
    ),
    pytest.param(bullet(0, B0 + " Earned a PhD from MIT."), "entity 'PhD'", id="new-degree"),
    pytest.param(
        bullet(0, B0 + " Graduated from Stanford."), "entity 'Stanford'", id="new-institution"
    ),
    pytest.param(
        bullet(1, B1.replace("5 engineers", "12 engineers")), "number '12'", id="team-of-12"
    ),
    pytest.param(
        bullet(1, B1.replace("5 engineers", "twelve engineers")),
        "number 'twelve'",
        id="number-word",
    ),
    pytest.param(bullet(1, B1.replace("$2.4B", "$3B")), "number '$3B'", id="2.4B-to-3B"),
    pytest.param(bullet(2, B2.replace("3x", "5x")), "number '5x'", id="3x-to-5x"),
    pytest.param(
        bullet(2, B2.replace("3x", "tenfold")),
        "number 'tenfold'",
        id="tenfold",
    ),
    pytest.param(
        Edit(path=f"{BULLETS}[0]", original="Built billing in Python.", value="x y"),
        "original does not match the current text",
        id="quote-mismatch",
    ),
    pytest.param(
        Edit(path="personalInfo.name", original="Jane Doe", value="John Smith"),
        "blocked field",
        id="blocked-name",
    ),
    pytest.param(
        Edit(path="personalInfo.email", original="jane@example.com", value="a@b.c"),
        "blocked field",
        id="blocked-email",
    ),
    pytest.param(
        Edit(path="workExperience[0].company", original="Acme Corp", value="Google"),
        "blocked field",
        id="blocked-company",
    ),
    pytest.param(
        Edit(
            path="workExperience[0].years",
            original="Jan 2020 – Present",
            value="Jan 2015 – Present",
        ),
        "blocked field",
        id="blocked-years",
    ),
    pytest.param(
        Edit(path="education[0].institution", original="State University", value="MIT"),
        "blocked field",
        id="blocked-institution",
    ),
    pytest.param(
        Edit(
            path="additional.certificationsTraining[0]",
            original="Certified Kubernetes Administrator",
            value="CISSP",
        ),
        "blocked field",
        id="blocked-certification",
    ),
    pytest.param(
        Edit(path=BULLETS, action="reorder", value=[0, 0, 1]),
        "permutation",
        id="reorder-duplicates",
    ),
    pytest.param(
        Edit(path=BULLETS, action="reorder", value=[0, 1]), "permutation", id="reorder-drops"
    ),
    pytest.param(
        Edit(path=BULLETS, action="reorder", value=[0, 1, 2, 3]), "permutation", id="reorder-adds"
    ),
    pytest.param(
        Edit(path="workExperience[5].description[0]", original="", value="x"),
        "does not exist",
        id="missing-path",
    ),
    pytest.param(
        Edit(path="workExperience[0]..x", value="x"), "unparseable path", id="garbage-path"
    ),
    pytest.param(
        Edit(
            path="summary",
            original=make_resume().summary,
            value="Backend engineer at Acme Corp and Globex Labs.",
        ),
        "entity 'Labs'",
        id="new-company-in-summary",
    ),
    pytest.param(
        Edit(
            path="personalInfo.title",
            original="Senior Software Engineer",
            value="Principal Engineer",
        ),
        "entity 'Principal'",
        id="inflated-title",
    ),
    pytest.param(
        Edit(path="additional.technicalSkills[0]", original="Python", value="Rust"),
        "skill 'Rust'",
        id="skill-item-swapped",
    ),
]


@pytest.mark.parametrize(("edit", "reason"), FABRICATIONS)
def test_each_fabrication_is_rejected_with_its_reason(edit, reason):
    truth = make_resume()
    result = apply_edits(truth, truth, [edit])
    assert result.applied == []
    assert result.resume == truth
    (rejected,) = result.rejected
    assert reason in rejected.reason
    assert rejected.edit == edit


def test_all_fabrications_together_are_counted_and_change_nothing():
    truth = make_resume()
    edits = [param.values[0] for param in FABRICATIONS]
    result = apply_edits(truth, truth, edits)
    assert len(result.rejected) == len(FABRICATIONS)
    assert result.applied == []
    assert result.resume == truth


def test_honest_edits_survive_beside_fabrications():
    truth = make_resume()
    honest = [
        bullet(0, B0.replace("Built", "Developed")),
        bullet(
            0,
            B0.replace("Built", "Developed").replace("Postgres", "PostgreSQL"),
            truth.model_copy(
                update={
                    "workExperience": [
                        truth.workExperience[0].model_copy(
                            update={"description": [B0.replace("Built", "Developed"), B1, B2]}
                        ),
                        truth.workExperience[1],
                    ]
                }
            ),
        ),
        Edit(path=BULLETS, action="reorder", value=[2, 0, 1]),
        Edit(path="additional.technicalSkills", action="reorder", value=[4, 3, 2, 1, 0]),
        Edit(path="additional.technicalSkills[3]", original="Postgres", value="PostgreSQL"),
    ]
    hostile = [bullet(1, B1.replace("5", "50")), bullet(2, B2 + " Google.")]
    result = apply_edits(truth, truth, [hostile[0], *honest, hostile[1]])
    assert len(result.applied) == len(honest), result.rejected
    assert len(result.rejected) == 2
    assert result.resume.workExperience[0].description == [
        B2,
        B0.replace("Built", "Developed").replace("Postgres", "PostgreSQL"),
        B1,
    ]
    assert result.resume.additional.technicalSkills == [
        "Go",
        "Docker",
        "Kubernetes",
        "PostgreSQL",
        "Python",
    ]


@pytest.mark.parametrize(
    "garbage",
    [
        None,
        "not a list",
        42,
        [None, 1, "x", [], {}, {"path": None}, {"path": "summary"}, {"value": [1, "a"]}],
        [{"path": "summary", "action": "delete", "value": "x"}],
        [{"path": "summary", "original": make_resume().summary, "value": None}],
        [{"path": "\x00" * 5000, "value": "x"}],
        [{"path": "workExperience[99999999999999999999].description[0]", "value": "x"}],
        [{"path": "sections", "action": "reorder", "value": ["a", "b"]}],
        [{"path": "sections", "action": "reorder", "value": [0, 1, 2, 3, 4, 99]}],
        ({"path": "summary", "value": "x"} for _ in range(3)),
    ],
)
def test_an_unparseable_edit_list_never_raises(garbage):
    truth = make_resume()
    result = apply_edits(truth, truth, garbage)
    assert result.resume == truth
    assert result.applied == []
    assert result.rejected or garbage in ([],)


def test_a_string_in_place_of_a_list_is_one_rejection():
    truth = make_resume()
    assert len(apply_edits(truth, truth, "not a list").rejected) == 1


def test_guard_rejects_what_the_current_resume_has_but_the_truth_lacks():
    truth = make_resume()
    current = truth.model_copy(deep=True)
    current.additional.technicalSkills.append("Rust")
    edit = Edit(path="additional.technicalSkills[5]", original="Rust", value="Rust lang")
    assert "skill 'Rust'" in apply_edits(current, truth, [edit]).rejected[0].reason


def test_pass_three_removes_fabrications_that_arrive_by_another_route():
    truth = make_resume()
    poisoned = ResumeData.model_validate(truth.model_dump())
    poisoned.additional.technicalSkills += ["Rust", "Scala"]
    poisoned.workExperience[0].company = "Google"
    poisoned.workExperience[0].description[1] = "Led a team of 40 engineers at Meta."
    poisoned.workExperience.insert(
        0, poisoned.workExperience[1].model_copy(update={"id": 3, "company": "Initech"})
    )
    poisoned.additional.certificationsTraining.append("AWS Certified Solutions Architect")
    poisoned.summary = "Ex-Google engineer with 15 years of experience."
    result = refine(poisoned, truth, JobKeywords(required_skills=["Rust"]), "Rust role.")
    assert result.resume == truth
    assert result.stats.keywords_injected == 0
    assert result.stats.alignment_violations_fixed == 7
    reasons = [change.reason for change in result.changes]
    assert all(reason.startswith("Pass 3") for reason in reasons)
