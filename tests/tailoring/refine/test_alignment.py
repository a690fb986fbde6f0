"""Pass 3, alignment validation: whatever the truth does not hold is removed or restored."""

from __future__ import annotations

from tests.tailoring.refine.support import JD, with_skills
from tests.tailoring.test_guard import make_resume

from refleum.analysis.job_description import JobKeywords
from refleum.tailoring.refine import refine


def test_alignment_removes_fabricated_skills_and_keeps_the_rest():
    truth = make_resume()
    tailored = with_skills(["Python", "Rust", "Go, Haskell", "Docker"])
    result = refine(tailored, truth, JobKeywords(), JD)
    assert result.resume.additional.technicalSkills == ["Python", "Go", "Docker"]
    assert result.stats.alignment_violations_fixed == 2


def test_alignment_reverts_a_fabricated_bullet_to_the_truths():
    truth = make_resume()
    tailored = truth.model_copy(deep=True)
    tailored.workExperience[0].description[1] = "Led a team of 12 engineers at Google."
    result = refine(tailored, truth, JobKeywords(), JD)
    assert result.resume.workExperience[0].description == truth.workExperience[0].description
    assert result.stats.alignment_violations_fixed == 1


def test_alignment_drops_a_fabricated_extra_bullet():
    truth = make_resume()
    tailored = truth.model_copy(deep=True)
    tailored.workExperience[1].description.append("Won the Turing Award.")
    result = refine(tailored, truth, JobKeywords(), JD)
    assert result.resume.workExperience[1].description == truth.workExperience[1].description


def test_alignment_restores_blocked_fields_and_drops_unknown_entries():
    truth = make_resume()
    tailored = truth.model_copy(deep=True)
    tailored.personalInfo.name = "John Smith"
    tailored.workExperience[0].company = "Google"
    tailored.workExperience[0].years = "2010 – Present"
    tailored.education[0].degree = "PhD Computer Science"
    tailored.workExperience.append(tailored.workExperience[1].model_copy(update={"id": 7}))
    tailored.additional.certificationsTraining.append("AWS Certified Solutions Architect")
    tailored.additional.awards.append("Turing Award")
    tailored.additional.languages.append("French")
    result = refine(tailored, truth, JobKeywords(), JD)
    assert result.resume == truth
    assert result.stats.alignment_violations_fixed == 8


def test_alignment_keeps_reordered_entries_and_bullets():
    truth = make_resume()
    tailored = truth.model_copy(deep=True)
    tailored.workExperience.reverse()
    tailored.workExperience[1].description.reverse()
    result = refine(tailored, truth, JobKeywords(), JD)
    assert result.resume == tailored
    assert result.stats.alignment_violations_fixed == 0
    assert result.changes == []


def test_alignment_reverts_a_summary_with_a_claim_and_drops_unknown_sections():
    truth = make_resume()
    tailored = truth.model_copy(deep=True)
    tailored.summary = "Ex-Google engineer."
    tailored.customSections["patents"] = tailored.customSections["publications"].model_copy(
        update={"title": "Patents"}
    )
    result = refine(tailored, truth, JobKeywords(), JD)
    assert result.resume.summary == truth.summary
    assert list(result.resume.customSections) == ["publications"]
    assert result.stats.alignment_violations_fixed == 2


def test_alignment_matches_entries_by_employer_when_ids_drift():
    truth = make_resume()
    tailored = truth.model_copy(deep=True)
    tailored.workExperience[0].id, tailored.workExperience[1].id = 2, 1
    result = refine(tailored, truth, JobKeywords(), JD)
    assert [job.company for job in result.resume.workExperience] == ["Acme Corp", "Globex"]
    assert result.resume.workExperience[0].description == truth.workExperience[0].description
    # the ids are restored with the rest of the entry's facts
    assert [job.id for job in result.resume.workExperience] == [1, 2]


def test_alignment_undoes_swapped_employers():
    truth = make_resume()
    tailored = truth.model_copy(deep=True)
    first, second = tailored.workExperience
    first.company, second.company = second.company, first.company
    result = refine(tailored, truth, JobKeywords(), JD)
    by_company = {job.company: job.description for job in result.resume.workExperience}
    # each employer keeps only its own bullets (some are lost: never misattributed)
    assert by_company["Acme Corp"] == truth.workExperience[0].description[:1]
    assert by_company["Globex"] == truth.workExperience[1].description
    assert result.stats.alignment_violations_fixed == 10  # 4 bullets; title, years, place x2


def test_alignment_checks_a_bullet_against_its_own_job():
    truth = make_resume()
    tailored = truth.model_copy(deep=True)
    # Docker and 9,000 are the truth's, but Globex's: not something done at Acme Corp
    tailored.workExperience[0].description[0] = "Maintained 9,000 accounts with Docker."
    result = refine(tailored, truth, JobKeywords(), JD)
    assert result.resume.workExperience[0].description == truth.workExperience[0].description
    assert result.stats.alignment_violations_fixed == 1
