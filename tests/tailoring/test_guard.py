"""The truth guard: gates in order, provenance, purity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from refleum.analysis.facts import TruthFacts
from refleum.analysis.keywords import extract_job_keywords
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.guard import apply_edits, protected_terms_of, terms_altered
from refleum.tailoring.local_engine import propose_edits
from refleum.tailoring.refine import refine
from refleum.tailoring.schemas import Strategy

BULLETS = "workExperience[0].description"


def make_resume() -> ResumeData:
    """A small truth source every guard and refinement test builds on."""
    return ResumeData.model_validate(
        {
            "personalInfo": {
                "name": "Jane Doe",
                "title": "Senior Software Engineer",
                "email": "jane@example.com",
                "phone": "+1 415 555 0100",
                "location": "Austin, TX",
            },
            "summary": "Backend engineer building payment APIs in Python.",
            "workExperience": [
                {
                    "id": 1,
                    "title": "Senior Software Engineer",
                    "company": "Acme Corp",
                    "location": "Austin, TX",
                    "years": "Jan 2020 – Present",
                    "description": [
                        "Built billing services in Python and Postgres, cutting costs 35%.",
                        "Led a team of 5 engineers on a $2.4B payments platform.",
                        "Improved throughput 3x with Kubernetes in 2021.",
                    ],
                },
                {
                    "id": 2,
                    "title": "Software Engineer",
                    "company": "Globex",
                    "years": "2016 – 2019",
                    "description": ["Maintained 9,000 customer accounts with Docker tooling."],
                },
            ],
            "education": [
                {
                    "id": 1,
                    "institution": "State University",
                    "degree": "B.S. Computer Science",
                    "years": "2012 – 2016",
                }
            ],
            "personalProjects": [
                {"id": 1, "name": "Ledger", "years": "2022", "description": ["Wrote a CLI in Go."]}
            ],
            "additional": {
                "technicalSkills": ["Python", "Postgres", "Kubernetes", "Docker", "Go"],
                "languages": ["English"],
                "certificationsTraining": ["Certified Kubernetes Administrator"],
                "awards": ["Employee of the Year 2021"],
            },
            "customSections": {
                "publications": {
                    "title": "Publications",
                    "type": "itemList",
                    "items": [
                        {
                            "id": 1,
                            "title": "Scaling Ledgers",
                            "description": ["Wrote about queues."],
                        }
                    ],
                }
            },
        }
    )


def bullet(index: int, value: str, resume: ResumeData | None = None) -> Edit:
    resume = resume or make_resume()
    original = resume.workExperience[0].description[index]
    return Edit(path=f"{BULLETS}[{index}]", original=original, value=value, reason="test")


def test_accepted_rewording_is_applied_with_provenance():
    truth = make_resume()
    edit = bullet(0, "Developed billing services in Python and Postgres, cutting costs 35%.")
    result = apply_edits(truth, truth, [edit])
    assert result.rejected == []
    assert result.resume.workExperience[0].description[0] == edit.value
    (change,) = result.applied
    assert change.before == truth.workExperience[0].description[0]
    assert change.source_lines == [truth.workExperience[0].description[0]]


def test_input_resumes_are_never_mutated():
    truth = make_resume()
    resume = make_resume()
    apply_edits(resume, truth, [bullet(0, "Developed billing services in Python.")])
    assert resume == make_resume()
    assert truth == make_resume()


def test_deterministic():
    truth = make_resume()
    edits = [bullet(0, "Developed billing services."), bullet(1, "Led a team of 12.")]
    first = apply_edits(truth, truth, edits)
    second = apply_edits(truth, truth, edits)
    assert first.resume == second.resume
    assert [r.reason for r in first.rejected] == [r.reason for r in second.rejected]


def test_original_is_compared_whitespace_normalised():
    truth = make_resume()
    original = "  Built billing services in Python and\nPostgres,   cutting costs 35%. "
    edit = Edit(path=f"{BULLETS}[0]", original=original, value="Developed billing services.")
    assert apply_edits(truth, truth, [edit]).rejected == []


def test_edits_apply_in_sequence_and_a_stale_quote_is_rejected():
    truth = make_resume()
    first = bullet(0, "Developed billing services in Python.")
    second = bullet(0, "Created billing services in Python.")  # quotes the text before `first`
    result = apply_edits(truth, truth, [first, second])
    assert len(result.applied) == 1
    assert result.rejected[0].reason == "original does not match the current text"


def test_checks_claims_against_truth_not_the_current_resume():
    truth = make_resume()
    current = truth.model_copy(deep=True)
    current.workExperience[0].description[2] = "Improved throughput with Rust."
    edit = Edit(
        path=f"{BULLETS}[2]",
        original="Improved throughput with Rust.",
        value="Improved throughput with Rust and Kubernetes.",
    )
    result = apply_edits(current, truth, [edit])
    assert "skill 'Rust'" in result.rejected[0].reason


def test_empty_or_unchanged_value_is_rejected():
    truth = make_resume()
    original = truth.workExperience[0].description[0]
    result = apply_edits(truth, truth, [bullet(0, "   "), bullet(0, original + "  ")])
    reasons = [r.reason for r in result.rejected]
    assert reasons == [
        "a replacement must be a non-empty string",
        "the replacement changes nothing",
    ]


def test_replace_with_a_list_value_is_rejected():
    truth = make_resume()
    edit = Edit(path=f"{BULLETS}[0]", original=truth.workExperience[0].description[0], value=[0])
    assert apply_edits(truth, truth, [edit]).rejected[0].reason.startswith("a replacement must")


def test_reorder_of_bullets_records_before_and_after():
    truth = make_resume()
    edit = Edit(path=BULLETS, action="reorder", value=[2, 0, 1])
    result = apply_edits(truth, truth, [edit])
    bullets = truth.workExperience[0].description
    assert result.resume.workExperience[0].description == [bullets[2], bullets[0], bullets[1]]
    assert result.applied[0].after == [bullets[2], bullets[0], bullets[1]]


def test_reorder_checks_a_quoted_original():
    truth = make_resume()
    wrong = Edit(path=BULLETS, action="reorder", original="something else", value=[1, 0, 2])
    right = Edit(
        path=BULLETS,
        action="reorder",
        original="\n".join(truth.workExperience[0].description),
        value=[1, 0, 2],
    )
    result = apply_edits(truth, truth, [wrong, right])
    assert result.rejected[0].reason == "original does not match the current list"
    assert len(result.applied) == 1


def test_identity_reorder_is_rejected_as_no_change():
    truth = make_resume()
    edit = Edit(path=BULLETS, action="reorder", value=[0, 1, 2])
    assert apply_edits(truth, truth, [edit]).rejected[0].reason == "the reorder changes nothing"


def test_entry_reorder_keeps_entries_intact():
    truth = make_resume()
    result = apply_edits(
        truth, truth, [Edit(path="workExperience", action="reorder", value=[1, 0])]
    )
    assert [job.company for job in result.resume.workExperience] == ["Globex", "Acme Corp"]
    assert result.resume.workExperience[1] == truth.workExperience[0]
    assert result.applied[0].before == ["Acme Corp", "Globex"]


def test_section_order_lives_beside_the_resume():
    truth = make_resume()
    edit = Edit(path="sections", action="reorder", value=[0, 1, 4, 2, 3, 5])
    result = apply_edits(truth, truth, [edit])
    assert result.resume == truth
    assert result.section_order == [
        "summary",
        "workExperience",
        "additional",
        "education",
        "personalProjects",
        "customSections.publications",
    ]


def test_skills_item_may_be_respelled_not_swapped():
    truth = make_resume()
    respell = Edit(path="additional.technicalSkills[1]", original="Postgres", value="PostgreSQL")
    swap = Edit(path="additional.technicalSkills[0]", original="Python", value="Docker")
    result = apply_edits(truth, truth, [respell, swap])
    assert result.resume.additional.technicalSkills[:2] == ["Python", "PostgreSQL"]
    assert result.rejected[0].reason.startswith("a skills-list item may only be respelled")


def test_custom_section_bullets_are_editable():
    truth = make_resume()
    path = "customSections.publications.items[0].description[0]"
    edit = Edit(path=path, original="Wrote about queues.", value="Wrote an article about queues.")
    result = apply_edits(truth, truth, [edit])
    assert result.resume.customSections["publications"].items[0].description == [edit.value]


def test_summary_may_be_composed_from_truth_facts():
    truth = make_resume()
    value = (
        "Senior Software Engineer with experience in Python, PostgreSQL and Kubernetes. "
        "Currently at Acme Corp."
    )
    edit = Edit(path="summary", original=truth.summary, value=value)
    result = apply_edits(truth, truth, [edit])
    assert result.rejected == []
    lines = result.applied[0].source_lines
    assert "Acme Corp" in lines and truth.summary not in lines[1:]


def test_protected_terms_include_both_resumes_and_extras():
    truth = make_resume()
    other = truth.model_copy(
        update={"personalInfo": truth.personalInfo.model_copy(update={"name": "J. Doe"})}
    )
    terms = protected_terms_of(truth, other, extra=["Project Falcon"])
    for term in ("Jane Doe", "J. Doe", "Acme Corp", "State University", "Project Falcon"):
        assert term in terms
    assert terms == sorted(terms, key=lambda t: (-len(t), t))


def test_extra_protected_terms_are_enforced():
    truth = make_resume()
    current = truth.model_copy(deep=True)
    current.workExperience[0].description[0] = "Built Project Falcon billing in Python."
    edit = Edit(
        path=f"{BULLETS}[0]",
        original="Built Project Falcon billing in Python.",
        value="Built billing in Python.",
    )
    result = apply_edits(current, truth, [edit], protected_terms=["Project Falcon"])
    assert "alters protected term(s): 'Project Falcon'" in result.rejected[0].reason


def test_bullets_keep_protected_terms_but_a_summary_may_drop_them():
    protected = ["Acme Corp", "Globex"]
    assert terms_altered("At Acme Corp in 2019.", "At work.", "x.description[0]", protected) == [
        "Acme Corp",
        "2019",
    ]
    assert terms_altered("At Acme Corp in 2019.", "At work.", "summary", protected) == []
    assert terms_altered("At Acme Corp.", "At Globex.", "summary", protected) == ["Acme Corp"]


def test_a_custom_skill_finder_is_used():
    truth = make_resume()

    def finder(text: str):
        from refleum.analysis.skills import SkillMention

        start = text.find("billing")
        return [] if start < 0 else [SkillMention("Billing", "billing", start, start + 7)]

    facts = TruthFacts.from_resume(truth, skill_finder=finder)
    assert facts.skills == {"Billing"}
    result = apply_edits(truth, truth, [bullet(0, "Built services in Rust.")], skill_finder=finder)
    assert "entity 'Rust'" in result.rejected[0].reason  # no longer a skill, still a name


def test_a_reorder_may_quote_the_list_as_the_engine_saw_it():
    truth = make_resume()
    seen = "\n".join(truth.workExperience[0].description)
    reword = bullet(0, "Developed billing services in Python.")
    reorder = Edit(path=BULLETS, action="reorder", original=seen, value=[1, 0, 2])
    result = apply_edits(truth, truth, [reword, reorder])
    assert result.rejected == []
    assert result.resume.workExperience[0].description[1] == reword.value


def test_headline_may_become_another_title_the_truth_holds():
    truth = make_resume()
    ok = Edit(
        path="personalInfo.title", original=truth.personalInfo.title, value="Software Engineer"
    )
    result = apply_edits(truth, truth, [ok])
    assert result.resume.personalInfo.title == "Software Engineer"


@pytest.mark.parametrize("strategy", list(Strategy))
def test_every_honest_local_engine_edit_passes(strategy):
    from tests.tailoring.test_local_engine import MATCHING_JD, RESUME

    keywords = extract_job_keywords(MATCHING_JD)
    edits = propose_edits(RESUME, keywords, MATCHING_JD, strategy)
    result = apply_edits(RESUME, RESUME, edits)
    assert edits and result.rejected == []


def test_a_summary_may_name_another_truth_title_but_not_another_employer():
    truth = make_resume()
    current = truth.model_copy(update={"summary": "Software Engineer at Globex building APIs."})
    retitled = Edit(
        path="summary",
        original=current.summary,
        value="Senior Software Engineer with experience in Python. Currently at Globex.",
    )
    moved = Edit(path="summary", original=current.summary, value="Software Engineer at Acme Corp.")
    result = apply_edits(current, truth, [moved, retitled])
    assert result.rejected[0].reason == "alters protected term(s): 'Globex'"
    assert result.resume.summary == retitled.value


def test_protected_terms_are_case_sensitive_words():
    assert (
        terms_altered("Helped lead migrations.", "Led migrations.", "a.description[0]", ["Lead"])
        == []
    )
    assert terms_altered("Helped Lead team.", "Helped team.", "a.description[0]", ["Lead"]) == [
        "Lead"
    ]


CORPUS = sorted(Path(__file__).parents[1].joinpath("fixtures", "corpus").glob("*.json"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_honest_local_engine_edits_on_the_corpus_pass_guard_and_alignment(path):
    """No false alarm on real resumes: every edit the local engine proposes is accepted,
    and Pass 3 finds nothing to fix in the result."""
    from tests.tailoring.test_local_engine import MATCHING_JD, NURSING_JD

    resume = ResumeData.model_validate(json.loads(path.read_text("utf-8")))
    for jd in (MATCHING_JD, NURSING_JD):
        keywords = extract_job_keywords(jd)
        edits = propose_edits(resume, keywords, jd, Strategy.FULL)
        guarded = apply_edits(resume, resume, edits)
        assert guarded.rejected == []
        refined = refine(guarded.resume, resume, keywords, jd)
        assert refined.stats.alignment_violations_fixed == 0
