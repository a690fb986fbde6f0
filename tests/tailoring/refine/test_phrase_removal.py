"""Pass 2, AI-phrase removal: whole word, case-preserving, never in names, dates or URLs."""

from __future__ import annotations

import pytest
from tests.tailoring.refine.support import JD
from tests.tailoring.test_guard import make_resume

from refleum.analysis.facts import TruthFacts
from refleum.analysis.job_description import JobKeywords
from refleum.tailoring.refine import refine
from refleum.tailoring.refine.phrase_removal import (
    _phrase_pattern,
    phrase_rules,
    remove_ai_phrases,
    rewrite_phrases,
)


def _rewrite(text: str, facts: TruthFacts, protected=()) -> tuple[str, list[str]]:
    rules = phrase_rules()
    return rewrite_phrases(
        text, _phrase_pattern(rules), {r.form: r for r in rules}, list(protected), facts
    )


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
    resume.workExperience[0].description[0] = "Leveraged Python; utilized Postgres."
    resume.workExperience[0].description[1] = "Leveraged payments data."
    result = refine(resume, truth, JobKeywords(), JD)
    assert result.stats.ai_phrases_removed == ["leveraged", "utilized"]
    assert result.resume.workExperience[0].description[:2] == [
        "Used Python; used Postgres.",
        "Used payments data.",
    ]


def test_an_opening_verb_is_only_replaced_within_its_meaning_class():
    # "Spearheaded" -> "Led" changes what was done (#16): the opener stays, the rest is cleaned.
    truth = make_resume()
    resume = truth.model_copy(deep=True)
    resume.workExperience[0].description[0] = "Spearheaded billing; leveraged Python."
    result = remove_ai_phrases(resume, truth, JD, TruthFacts.from_resume(truth))
    assert result.resume.workExperience[0].description[0] == "Spearheaded billing; used Python."
    assert result.removed == ["leveraged"]


def test_company_field_is_never_rewritten():
    truth = make_resume()
    truth.workExperience[0].company = "Dynamic Robust Systems"
    result = refine(truth, truth, JobKeywords(), JD)
    assert result.resume.workExperience[0].company == "Dynamic Robust Systems"
