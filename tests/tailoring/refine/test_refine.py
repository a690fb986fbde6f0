"""The three refinement passes."""

from __future__ import annotations

import pytest
from tests.tailoring.test_guard import make_resume

from refleum.resume_data import ResumeData
from refleum.tailoring.facts import TruthFacts
from refleum.tailoring.refine import (
    _phrase_pattern,
    inject_keywords,
    phrase_rules,
    refine,
    remove_ai_phrases,
    rewrite_phrases,
)
from refleum.tailoring.schemas import JobKeywords

JD = "We build payment platforms and need strong engineers."


@pytest.fixture(scope="module")
def facts() -> TruthFacts:
    return TruthFacts.from_resume(make_resume())


def _with_skills(skills: list[str]) -> ResumeData:
    resume = make_resume()
    additional = resume.additional.model_copy(update={"technicalSkills": skills})
    return resume.model_copy(update={"additional": additional})


def _rewrite(text: str, facts: TruthFacts, protected=()) -> tuple[str, list[str]]:
    rules = phrase_rules()
    return rewrite_phrases(
        text, _phrase_pattern(rules), {r.form: r for r in rules}, list(protected), facts
    )


# --- Pass 1 -------------------------------------------------------------------------------


def test_injects_truth_skills_in_the_truths_wording(facts):
    tailored = _with_skills(["Python"])
    keywords = JobKeywords(required_skills=["PostgreSQL", "k8s"], preferred_skills=["Rust"])
    resume, changes = inject_keywords(tailored, keywords, facts)
    # the truth writes "Postgres" and "Kubernetes": its wording, not the JD's
    assert resume.additional.technicalSkills == ["Python", "Postgres", "Kubernetes"]
    assert changes[0].path == "additional.technicalSkills"
    assert "Postgres" in changes[0].source_lines


def test_never_injects_what_the_truth_lacks_or_the_list_has(facts):
    tailored = _with_skills(["Python", "PostgreSQL"])
    keywords = JobKeywords(
        required_skills=["Rust", "Postgres", "Python"],
        keywords=["payments experience", "SaaS", "Python"],
    )
    resume, changes = inject_keywords(tailored, keywords, facts)
    assert resume == tailored and changes == []


def test_refine_counts_injected_keywords():
    truth = make_resume()
    keywords = JobKeywords(required_skills=["Docker", "Go"], keywords=["Docker"])
    result = refine(_with_skills(["Python"]), truth, keywords, JD)
    assert result.stats.keywords_injected == 2
    assert result.resume.additional.technicalSkills == ["Python", "Docker", "Go"]
    assert result.stats.passes_completed == 3


# --- Pass 2 -------------------------------------------------------------------------------


def test_phrase_list_is_data_with_at_least_forty_phrases():
    rules = phrase_rules()
    assert len(rules) >= 40
    assert [len(r.form) for r in rules] == sorted((len(r.form) for r in rules), reverse=True)
    forms = {r.form for r in rules}
    for phrase in (
        "leveraged",
        "spearheaded",
        "orchestrated",
        "synergy",
        "results-driven",
        "proven track record",
        "passionate about",
        "dynamic",
        "cutting-edge",
    ):
        assert phrase in forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Spearheaded the migration.", "Led the migration."),
        ("Leveraged Kubernetes to cut costs.", "Used Kubernetes to cut costs."),
        ("Built a dynamic team of engineers.", "Built a team of engineers."),
        ("Shipped an innovative, robust API.", "Shipped a reliable API."),
        ("Results-driven engineer with a proven track record.", "Engineer with a record."),
        ("Passionate about payments.", "Focused on payments."),
        ("Worked on cutting-edge systems in order to scale.", "Worked on modern systems to scale."),
        ("Used synergies. LEVERAGED data.", "Used collaboration. USED data."),
        ("Dynamic, results-driven engineer.", "Engineer."),
        ("Built tools (innovative) for teams.", "Built tools () for teams."),
    ],
)
def test_rewrites_are_grammatical_and_case_preserving(text, expected, facts):
    assert _rewrite(text, facts)[0] == expected


def test_longest_phrase_wins(facts):
    text, removed = _rewrite("Has a proven track record of delivery.", facts)
    assert removed == ["proven track record"]
    assert text == "Has a record of delivery."


def test_whole_words_only(facts):
    assert _rewrite("Used leverageable dynamics and robustness.", facts) == (
        "Used leverageable dynamics and robustness.",
        [],
    )


def test_names_dates_and_urls_are_never_touched(facts):
    text = "Partnered with Robust Intelligence via dynamic.io on Dynamic Signal work."
    assert _rewrite(text, facts, protected=["Robust Intelligence"]) == (text, [])
    # capitalised mid-sentence reads as a name even when not protected
    assert _rewrite("Sold to Robust Intelligence.", facts)[1] == []
    # at the start of a bullet, a protected company is still a name
    assert _rewrite("Robust Intelligence hired me.", facts, ["Robust Intelligence"])[1] == []


def test_phrases_the_jd_uses_are_kept():
    truth = make_resume()
    resume = truth.model_copy(update={"summary": "Leveraged Python; spearheaded billing."})
    result = remove_ai_phrases(
        resume, truth, "You will leverage data.", TruthFacts.from_resume(truth)
    )
    assert result.resume.summary == "Leveraged Python; led billing."
    assert result.removed == ["spearheaded"]


def test_pass_two_reports_each_phrase_once_in_order():
    truth = make_resume()
    resume = truth.model_copy(deep=True)
    resume.workExperience[0].description[0] = "Spearheaded billing; leveraged Python."
    resume.workExperience[0].description[1] = "Spearheaded payments."
    result = refine(resume, truth, JobKeywords(), JD)
    assert result.stats.ai_phrases_removed == ["spearheaded", "leveraged"]
    assert result.resume.workExperience[0].description[:2] == [
        "Led billing; used Python.",
        "Led payments.",
    ]


def test_company_field_is_never_rewritten():
    truth = make_resume()
    truth.workExperience[0].company = "Dynamic Robust Systems"
    result = refine(truth, truth, JobKeywords(), JD)
    assert result.resume.workExperience[0].company == "Dynamic Robust Systems"


# --- Pass 3 -------------------------------------------------------------------------------


def test_alignment_removes_fabricated_skills_and_keeps_the_rest():
    truth = make_resume()
    tailored = _with_skills(["Python", "Rust", "Go, Haskell", "Docker"])
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
