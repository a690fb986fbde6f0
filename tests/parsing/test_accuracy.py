from refleum.parsing.accuracy import Counts, format_table, score_resume
from refleum.resume_data import CustomSection, ResumeData, WorkExperience


def _truth() -> ResumeData:
    return ResumeData(
        personalInfo={"name": "Jane Doe", "email": "jane@x.org"},
        workExperience=[
            WorkExperience(
                id=1,
                title="Engineer",
                company="Acme",
                years="2019 – 2021",
                description=["Built APIs", "Cut costs"],
            ),
        ],
        additional={"technicalSkills": ["Go", "Rust"]},
        customSections={
            "talks": CustomSection(title="Talks", type="stringList", strings=["PyCon"])
        },
    )


def test_identical_resumes_score_perfectly():
    score = score_resume(_truth(), _truth())
    assert score.overall.f1 == 1.0
    assert score.overall.tp == 12
    assert score.mismatches == []


def test_strings_are_compared_after_grounding_normalisation():
    predicted = _truth()
    predicted.workExperience[0].years = "2019 - 2021"
    predicted.personalInfo.name = "JANE  DOE"
    assert score_resume(_truth(), predicted).overall.f1 == 1.0


def test_each_wrong_missing_or_extra_value_is_counted_in_its_group():
    predicted = _truth()
    predicted.workExperience[0].company = "Globex"  # wrong: one fp and one fn
    predicted.personalInfo.email = ""  # missing: one fn
    predicted.additional.technicalSkills.append("Java")  # extra: one fp
    score = score_resume(_truth(), predicted)
    experience, contact, skills = (
        score.groups[g] for g in ("experience", "contact", "skills_lists")
    )
    assert (experience.tp, experience.fp, experience.fn) == (1, 1, 1)
    assert (contact.tp, contact.fp, contact.fn) == (1, 0, 1)
    assert (skills.tp, skills.fp, skills.fn) == (2, 1, 0)
    assert len(score.mismatches) == 3


def test_entries_are_matched_by_id_so_a_missing_entry_costs_all_its_fields():
    predicted = _truth()
    predicted.workExperience = []
    score = score_resume(_truth(), predicted)
    assert score.groups["experience"].fn == 2
    assert score.groups["dates"].fn == 1
    assert score.groups["bullets"].fn == 2


def test_counts_arithmetic_and_table():
    counts = Counts(tp=8, fp=2, fn=0)
    assert (counts.precision, counts.recall) == (0.8, 1.0)
    assert round(counts.f1, 4) == 0.8889
    assert Counts().f1 == 1.0
    table = format_table(score_resume(_truth(), _truth()))
    assert table.splitlines()[-1].startswith("overall")
