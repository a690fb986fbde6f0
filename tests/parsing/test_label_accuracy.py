"""The label-file scorer: field kinds, order matching, normalisation, schema checks."""

import json
from pathlib import Path

import pytest

from refleum.parsing.label_accuracy import (
    FIELD_KINDS,
    LabelError,
    format_accuracy,
    format_miss_kinds,
    label_from_resume,
    score_label,
    validate_label,
)
from refleum.resume_data import Education, ResumeData, WorkExperience

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"


def _label(**overrides) -> dict:
    label = {
        "name": "Jane Eyre",
        "email": "jeyre@ferndean.me.uk",
        "phone": "009-87654321",
        "jobs": [
            {"title": "Teacher", "company": "Lowood School", "dates": "1844–1846"},
            {"title": "Governess", "company": "Thornfield Hall", "dates": "1846–1847"},
        ],
        "education": [{"institution": "Lowood School", "degree": "grades 3–8"}],
        "skills": ["GnuCash", "gimp"],
    }
    return {**label, **overrides}


def _resume(**overrides) -> ResumeData:
    fields = {
        "personalInfo": {
            "name": "Jane Eyre",
            "email": "jeyre@ferndean.me.uk",
            "phone": "009-87654321",
        },
        "workExperience": [
            WorkExperience(id=1, title="Teacher", company="Lowood School", years="1844–1846"),
            WorkExperience(id=2, title="Governess", company="Thornfield Hall", years="1846–1847"),
        ],
        "education": [Education(id=1, institution="Lowood School", degree="grades 3–8")],
        "additional": {"technicalSkills": ["GnuCash", "gimp"]},
    }
    return ResumeData.model_validate({**fields, **overrides})


def test_a_perfect_parse_gets_every_field_right():
    score = score_label(_label(), _resume())
    # name, email, phone, job count, 2 jobs x 3, 1 school x 2, 2 skills
    assert (score.overall.right, score.overall.total) == (14, 14)
    assert score.misses == []


def test_fields_are_counted_per_kind():
    score = score_label(_label(), _resume())
    totals = {kind: tally.total for kind, tally in score.fields.items()}
    assert totals == {
        "name": 1,
        "email": 1,
        "phone": 1,
        "job_count": 1,
        "job_title": 2,
        "job_company": 2,
        "job_dates": 2,
        "institution": 1,
        "degree": 1,
        "skills": 2,
    }
    assert tuple(score.fields) == FIELD_KINDS


def test_jobs_are_matched_by_order_so_a_swap_costs_every_field():
    swapped = _resume(
        workExperience=[
            WorkExperience(id=1, title="Governess", company="Thornfield Hall", years="1846–1847"),
            WorkExperience(id=2, title="Teacher", company="Lowood School", years="1844–1846"),
        ]
    )
    score = score_label(_label(), swapped)
    assert score.fields["job_count"].right == 1
    for kind in ("job_title", "job_company", "job_dates"):
        assert (score.fields[kind].right, score.fields[kind].total) == (0, 2)


def test_a_missed_job_costs_the_count_and_its_fields():
    score = score_label(_label(), _resume(workExperience=_resume().workExperience[:1]))
    assert score.fields["job_count"].right == 0
    assert score.fields["job_title"].right == 1
    assert "job count: expected 2, got 1" in score.misses
    assert "jobs[1].title: expected 'Governess', got ''" in score.misses


def test_an_invented_value_where_the_document_has_none_is_wrong():
    score = score_label(_label(email=""), _resume())
    assert (score.fields["email"].right, score.fields["email"].total) == (0, 1)
    assert score_label(_label(email=""), _resume(personalInfo={})).fields["email"].right == 1


def test_values_compare_after_grounding_normalisation():
    predicted = _resume(
        personalInfo={
            "name": "JANE  EYRE",
            "email": "JEyre@Ferndean.me.uk",
            "phone": "009 8765 4321",
        },
        workExperience=[
            WorkExperience(id=1, title="Teacher.", company="Lowood School", years="1844 - 1846"),
            WorkExperience(id=2, title="Governess", company="Thornfield Hall", years="1846—1847"),
        ],
    )
    score = score_label(_label(), predicted)
    assert score.misses == []


def test_a_phone_with_other_digits_is_wrong():
    predicted = _resume(personalInfo={"name": "Jane Eyre", "phone": "001-23456789"})
    assert score_label(_label(), predicted).fields["phone"].right == 0


def test_skills_are_found_among_skills_and_languages_in_any_order():
    label = _label(skills=["French", "GnuCash", "LaTeX"])
    predicted = _resume(additional={"technicalSkills": ["GnuCash"], "languages": ["French"]})
    tally = score_label(label, predicted).fields["skills"]
    assert (tally.right, tally.total) == (2, 3)


def test_validate_label_rejects_a_label_off_the_schema():
    with pytest.raises(LabelError):
        validate_label({**_label(), "title": "extra key"})
    with pytest.raises(LabelError):
        validate_label(_label(jobs=[{"title": "Teacher", "company": "Lowood"}]))
    with pytest.raises(LabelError):
        validate_label(_label(skills=["a", "b", "c", "d", "e", "f"]))
    assert validate_label(_label()) == _label()


def test_label_from_resume_keeps_the_labelled_fields_and_five_skills():
    resume = _resume(additional={"technicalSkills": ["a", "b", "", "c", "d", "e", "f"]})
    label = label_from_resume(resume)
    assert validate_label(label) is label
    assert label["jobs"][1] == {
        "title": "Governess",
        "company": "Thornfield Hall",
        "dates": "1846–1847",
    }
    assert label["skills"] == ["a", "b", "c", "d", "e"]
    assert score_label(label, resume).overall.accuracy == 1.0


def test_labels_derived_from_the_synthetic_corpus_follow_the_schema():
    truths = sorted(CORPUS.glob("*.json"))
    assert truths
    for path in truths:
        resume = ResumeData.model_validate(json.loads(path.read_text(encoding="utf-8")))
        validate_label(label_from_resume(resume))


def test_format_accuracy_prints_each_kind_and_a_dash_for_absent_ones():
    table = format_accuracy(score_label(_label(education=[], skills=[]), _resume()))
    lines = table.splitlines()
    assert lines[0].split() == ["field", "right", "total", "accuracy"]
    assert [line.split()[0] for line in lines[1:]] == [*FIELD_KINDS, "overall"]
    assert lines[FIELD_KINDS.index("skills") + 1].split() == ["skills", "0", "0", "-"]


def test_misses_are_counted_by_how_they_went_wrong():
    jobs = [
        WorkExperience(id=1, title="", company="Lowood", years="1844–1846"),
        WorkExperience(id=2, title="Governess Thornfield", company="Thornfield Hall", years="x"),
    ]
    score = score_label(_label(email=""), _resume(workExperience=jobs))
    assert score.miss_kinds == {
        ("email", "invented"): 1,
        ("job_title", "missed"): 1,
        ("job_company", "part"): 1,
        ("job_title", "too much"): 1,
        ("job_dates", "other value"): 1,
    }
    short = score_label(_label(), _resume(workExperience=[], additional={}))
    assert short.miss_kinds["job_count", "too few"] == 1
    assert short.miss_kinds["skills", "missed"] == 2


def test_format_miss_kinds_prints_one_row_per_kind_with_the_largest_first():
    score = score_label(_label(), _resume(workExperience=[], additional={}))
    rows = format_miss_kinds(score).splitlines()
    assert rows[0].split() == ["job_count", "too", "few", "1"]
    assert rows[1].split() == ["job_title", "missed", "2"]
    assert rows[-1].split() == ["skills", "missed", "2"]
