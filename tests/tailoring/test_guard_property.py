"""Property: whatever edits an engine proposes, and whatever reaches refinement, the
output holds no skill, number or proper noun its truth lacks, and no blocked field moves.

The oracles here are independent of facts.py: they look for the pools' fabricated
tokens, compare digit runs, and ask the skills vocabulary directly.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refleum.analysis.grounding import normalize_for_grounding, occurs_in, string_values
from refleum.analysis.job_description import JobKeywords
from refleum.analysis.skills import find_skills
from refleum.resume_data import ResumeData
from refleum.tailoring.guard import apply_edits
from refleum.tailoring.refine import refine

WORDS = [
    "built",
    "managed",
    "billing",
    "services",
    "the",
    "team",
    "with",
    "for",
    "reports",
    "and",
    "data",
    "Developed",
    "Led",
    "faster",
    "customers",
    "leveraged",
    "dynamic",
]
TRUTH_SKILLS = ["Python", "Docker", "Kubernetes", "Postgres", "SQL"]
NEW_SKILLS = ["Rust", "Scala", "Terraform", "Haskell", "PostgreSQL and Kafka"]
TRUTH_NUMBERS = ["5", "35%", "$2.4B", "3x", "2019"]
NEW_NUMBERS = ["12", "45%", "$3B", "5x", "twelve", "2007", "9,000", "forty", "quadrupled"]
TRUTH_NAMES = ["Acme Corp", "Globex"]
NEW_NAMES = ["Google", "MIT", "Stanford", "PhD", "AWS Certified", "Initech", "Acme Cloud",
             "Oracle", "certified"]  # fmt: skip
FABRICATED = [*NEW_SKILLS, *NEW_NUMBERS, *NEW_NAMES]

truth_text = st.lists(
    st.sampled_from([*WORDS, *TRUTH_SKILLS, *TRUTH_NUMBERS, *TRUTH_NAMES]), min_size=1, max_size=8
).map(" ".join)
# Invented names carry a marker ("Zq...") the truth never holds; invented numbers are
# five digits, longer than any in the truth pools.
invented = st.one_of(
    st.from_regex(r"\AZq[a-z]{1,6}(?: [A-Z][a-z]{2,5})?\Z"),
    st.integers(10_000, 99_999).map(str),
    st.integers(10_000, 99_999).map(lambda n: f"{n / 100:.1f}%"),
)
any_text = st.lists(
    st.one_of(
        st.sampled_from([*WORDS, *TRUTH_SKILLS, *TRUTH_NUMBERS, *TRUTH_NAMES, *FABRICATED]),
        invented,
    ),
    min_size=0,
    max_size=8,
).map(" ".join)


@st.composite
def resumes(draw) -> ResumeData:
    jobs = [
        {
            "id": i + 1,
            "title": draw(st.sampled_from(["Engineer", "Analyst", "Lead"])),
            "company": draw(st.sampled_from(TRUTH_NAMES)),
            "years": draw(st.sampled_from(["2016 – 2019", "Jan 2019 – Present"])),
            "description": draw(st.lists(truth_text, min_size=1, max_size=4)),
        }
        for i in range(draw(st.integers(1, 3)))
    ]
    return ResumeData.model_validate(
        {
            "personalInfo": {"name": "Jane Doe", "title": draw(truth_text)},
            "summary": draw(truth_text),
            "workExperience": jobs,
            "education": [{"id": 1, "institution": "State University", "degree": "B.S."}],
            "additional": {
                "technicalSkills": draw(
                    st.lists(st.sampled_from(TRUTH_SKILLS), max_size=5, unique=True)
                )
            },
        }
    )


PATHS = [
    "summary", "personalInfo.title", "personalInfo.name", "personalInfo.email",
    "workExperience[0].description[0]", "workExperience[0].description[1]",
    "workExperience[1].description[0]", "workExperience[0].description",
    "workExperience[0].company", "workExperience[0].years", "workExperience[0].title",
    "workExperience", "education[0].institution", "education[0].degree",
    "additional.technicalSkills", "additional.technicalSkills[0]",
    "additional.certificationsTraining[0]", "sections", "workExperience[7].description[0]",
    "nonsense[[", "",
]  # fmt: skip


@st.composite
def edit_lists(draw, resume: ResumeData) -> list[dict]:
    from refleum.tailoring.paths import get_value

    edits = []
    for _ in range(draw(st.integers(0, 8))):
        path = draw(st.sampled_from(PATHS))
        try:
            current = get_value(resume, path)
        except Exception:
            current = ""
        quoted = current if isinstance(current, str) else "\n".join(map(str, current))
        if draw(st.booleans()):
            size = len(current) if isinstance(current, list) else 3
            order = (
                draw(st.permutations(range(size)))
                if draw(st.booleans())
                else draw(st.lists(st.integers(-1, 6), max_size=6))
            )
            edits.append({"path": path, "action": "reorder", "value": list(order)})
        else:
            original = quoted if draw(st.integers(0, 3)) else draw(any_text)
            edits.append({"path": path, "original": original, "value": draw(any_text)})
    return edits


def _output_text(resume: ResumeData) -> str:
    return "\n".join(value for _path, value in string_values(resume))


def assert_grounded(output: ResumeData, truth: ResumeData) -> None:
    truth_text_all = _output_text(truth)
    folded_truth = normalize_for_grounding(truth_text_all)
    text = _output_text(output)
    truth_skills = {m.canonical for m in find_skills(truth_text_all)}
    assert {m.canonical for m in find_skills(text)} <= truth_skills
    assert set(re.findall(r"\d+", text)) <= set(re.findall(r"\d+", truth_text_all))
    assert "zq" not in text.lower()
    for token in FABRICATED:
        if not occurs_in(normalize_for_grounding(token), folded_truth):
            assert not occurs_in(normalize_for_grounding(token), normalize_for_grounding(text)), (
                token
            )


def assert_blocked_fields_kept(output: ResumeData, truth: ResumeData) -> None:
    assert output.personalInfo.model_dump(exclude={"title"}) == truth.personalInfo.model_dump(
        exclude={"title"}
    )
    truth_jobs = {job.id: job for job in truth.workExperience}
    for job in output.workExperience:
        source = truth_jobs[job.id]
        assert (job.company, job.title, job.years, job.location) == (
            source.company, source.title, source.years, source.location,
        )  # fmt: skip
    assert output.education == truth.education
    extra, truth_extra = output.additional, truth.additional
    assert (extra.languages, extra.certificationsTraining, extra.awards) == (
        truth_extra.languages, truth_extra.certificationsTraining, truth_extra.awards,
    )  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_guard_output_is_grounded_and_blocked_fields_never_move(data):
    truth = data.draw(resumes())
    edits = data.draw(edit_lists(truth))
    result = apply_edits(truth, truth, edits)
    assert len(result.applied) + len(result.rejected) == len(edits)
    assert_grounded(result.resume, truth)
    assert_blocked_fields_kept(result.resume, truth)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_refinement_cleans_any_poisoned_resume(data):
    truth = data.draw(resumes())
    poisoned = truth.model_dump()
    for job in poisoned["workExperience"]:
        job["description"] = data.draw(st.lists(any_text, max_size=5))
        job["company"] = data.draw(st.sampled_from([*TRUTH_NAMES, *NEW_NAMES]))
    poisoned["summary"] = data.draw(any_text)
    poisoned["personalInfo"]["title"] = data.draw(any_text)
    poisoned["additional"]["technicalSkills"] = data.draw(
        st.lists(st.sampled_from([*TRUTH_SKILLS, *NEW_SKILLS]), max_size=6)
    )
    poisoned["additional"]["certificationsTraining"] = data.draw(
        st.lists(st.sampled_from(NEW_NAMES), max_size=2)
    )
    keywords = JobKeywords(
        required_skills=data.draw(
            st.lists(st.sampled_from([*TRUTH_SKILLS, *NEW_SKILLS]), max_size=4)
        )
    )
    result = refine(ResumeData.model_validate(poisoned), truth, keywords, "A job.")
    assert_grounded(result.resume, truth)
    assert_blocked_fields_kept(result.resume, truth)
