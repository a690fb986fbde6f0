"""Facts of a truth source and the claims a new text makes beyond them."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from tests.tailoring.test_guard import make_resume

from refleum.analysis.facts import Quantity, TruthFacts, date_values, new_claims, quantities
from refleum.analysis.grounding import string_values
from refleum.resume_data import ResumeData


@pytest.fixture(scope="module")
def facts() -> TruthFacts:
    return TruthFacts.from_resume(make_resume())


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("35%", "35", "percent"),
        ("35 percent", "35", "percent"),
        ("35 per cent", "35", "percent"),
        ("$2.4B", "2400000000", ""),
        ("2.4 billion", "2400000000", ""),
        ("9,000", "9000", ""),
        ("twelve", "12", ""),
        ("twenty-five", "25", ""),
        ("a dozen", "12", ""),
        ("3x", "3", "times"),
        ("3 times", "3", "times"),
        ("tripled", "3", "times"),
        ("1.5M", "1500000", ""),
        ("50k", "50000", ""),
        ("2019", "2019", ""),
        ("five million", "5000000", ""),
    ],
)
def test_numbers_normalise_to_values(text, value, unit):
    ((quantity, _span),) = quantities(text)
    assert quantity == Quantity(Decimal(value).normalize(), unit)


def test_ranges_share_their_unit_and_scale():
    assert [q for q, _ in quantities("20-30%")] == [
        Quantity(Decimal(20).normalize(), "percent"),
        Quantity(Decimal(30).normalize(), "percent"),
    ]
    assert [q.value for q, _ in quantities("$1–2M")] == [Decimal(10**6), Decimal(2 * 10**6)]
    assert [q.value for q, _ in quantities("from 400,000 to 1.1 million")] == [
        Decimal(400_000).normalize(),
        Decimal(1_100_000).normalize(),
    ]
    # "to" between a percentage and money is not a range
    assert [q.unit for q, _ in quantities("grew 35% to $2.4B")] == ["percent", ""]


def test_glued_tokens_are_not_numbers():
    assert quantities("5G and 3D and v2 and S3") == []


def test_month_years():
    assert [d for d, _ in date_values("Jan 2020 – 03/2021, 2022-07 and Sept. 2019")] == [
        "2020-01",
        "2021-03",
        "2022-07",
        "2019-09",
    ]


def test_truth_facts(facts):
    assert {"Python", "PostgreSQL", "Kubernetes", "Docker", "Go"} <= facts.skills
    assert Quantity(Decimal(35), "percent") in facts.quantities
    assert Quantity(Decimal("2.4E+9"), "") in facts.quantities
    assert Quantity(Decimal(9000).normalize(), "") in facts.quantities
    assert "2020-01" in facts.dates
    assert any(line.path == "workExperience[0].company" for line in facts.lines)


def test_contact_numbers_are_not_metrics(facts):
    assert Quantity(Decimal(415), "") not in facts.quantities  # from the phone number
    assert [c.kind for c in new_claims("Served 415 clients.", facts)] == ["number"]


@pytest.mark.parametrize(
    "text",
    [
        "Developed billing services in Python and PostgreSQL, cutting costs 35 percent.",
        "Headed a group of five engineers on a 2.4 billion dollar payments platform.",
        "Tripled throughput using Kubernetes.",
        "Maintained 9000 customer accounts.",
        "Created tooling with Docker at Acme Corp since Jan 2020.",
        "Improved billing for State University students.",
        "Senior Software Engineer with experience in Python, Postgres and Go.",
        "Currently Senior Software Engineer at Acme Corp.",
        "Mit Erfahrung in Python.",
        "The billing team shipped faster.",
        "I built billing services, and I led the team.",
    ],
)
def test_honest_rewording_claims_nothing(text, facts):
    assert new_claims(text, facts) == []


@pytest.mark.parametrize(
    ("text", "kind", "surface"),
    [
        ("Cut costs 45%.", "number", "45%"),
        ("Led a team of 12.", "number", "12"),
        ("Led a team of twelve.", "number", "twelve"),
        ("On a $3B platform.", "number", "$3B"),
        ("Improved throughput 5x.", "number", "5x"),
        ("Shipped 5G features.", "number", "5G"),
        ("Built services in Rust.", "skill", "Rust"),
        ("Built services at Google.", "entity", "Google"),
        ("Google services.", "entity", "Google"),
        ("Earned a PhD.", "entity", "PhD"),
        ("Studied at MIT.", "entity", "MIT"),
        ("Stanford alumnus.", "entity", "Stanford"),
        ("AWS Certified engineer.", "skill", "AWS"),
        ("A licensed engineer.", "entity", "licensed"),
        ("Holds a master's degree.", "entity", "degree"),
        ("Acme Cloud services.", "entity", "Cloud"),
        ("Joined Acme Corp in Mar 2019.", "date", "Mar 2019"),
    ],
)
def test_fabrications_are_claims(text, kind, surface, facts):
    claims = new_claims(text, facts)
    assert any(c.kind == kind and c.surface == surface for c in claims), claims


def test_known_words_in_a_new_name_are_a_claim(facts):
    # "Senior" and "Acme" are both in the truth; "Senior Acme" is not.
    assert [str(c) for c in new_claims("Worked with Senior Acme.", facts)] == [
        "entity 'Senior Acme'"
    ]


def test_an_unknown_capitalised_opener_is_a_claim(facts):
    assert new_claims("Developed billing.", facts) == []
    assert [c.surface for c in new_claims("Oracle billing.", facts)] == ["Oracle"]


def test_lines_with(facts):
    assert [line.path for line in facts.lines_with("Acme Corp")] == ["workExperience[0].company"]
    assert [line.text for line in facts.lines_with_skill("PostgreSQL")][0].startswith("Built")


def test_a_title_word_opening_a_headline_is_not_neutral(facts):
    # "Engineer" is the truth's, "Lead Engineer" and "Principal Engineer" are not
    assert new_claims("Lead Engineer", facts)
    assert new_claims("Principal Engineer", facts)
    assert new_claims("Seasoned engineer with Python.", facts) == []


CORPUS = sorted(Path(__file__).parents[1].joinpath("fixtures", "corpus").glob("*.json"))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_every_truth_line_is_grounded_in_its_own_truth(path):
    """No false alarm on real resumes: each line claims nothing against its own resume
    (contact details aside: a phone number is not a metric)."""
    resume = ResumeData.model_validate(json.loads(path.read_text("utf-8")))
    own = TruthFacts.from_resume(resume)
    for line_path, text in string_values(resume):
        if not line_path.startswith("personalInfo."):
            assert new_claims(text, own) == [], (line_path, text)


def test_scaled_money_is_one_number_not_a_name(facts):
    assert new_claims("Ran a $2.4B platform.", facts) == []
    assert [str(c) for c in new_claims("Ran a $2.5M platform.", facts)] == ["number '$2.5M'"]


PARAPHRASES = [
    ("carlos_mendes_pharmacist", "Cut broad-spectrum antibiotic days by 23 percent via rounds"),
    ("carlos_mendes_pharmacist", "Reviewed 70 medication charts daily on internal medicine wards"),
    ("hannah_schmidt_pm", "Shipped an over-the-air update platform to 1.2M vehicles"),
    ("hannah_schmidt_pm", "Coordinated nine teams in three countries"),
    ("lukasz_nowak_mechanical", "Performed FEA on 40 cast components using ANSYS Mechanical"),
    ("olga_petrova_civil_engineer", "Designed six highway overpasses with spans of up to 48 m"),
    ("sofia_rossi_marketer", "Reduced customer acquisition cost 35% across Google and Meta ads"),
    ("sofia_rossi_marketer", "Grew monthly active users from 400K to 1.1M"),
    ("sofia_rossi_marketer", "Growth marketer who scales paid and lifecycle channels."),
]


@pytest.mark.parametrize(("name", "text"), PARAPHRASES)
def test_model_style_paraphrases_of_real_bullets_pass(name, text):
    path = Path(__file__).parents[1] / "fixtures" / "corpus" / f"{name}.json"
    resume = ResumeData.model_validate(json.loads(path.read_text("utf-8")))
    assert new_claims(text, TruthFacts.from_resume(resume)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Reviewed charts as the lead engineer.",
        "Worked as principal engineer.",
        "Promoted to engineering manager.",
        "Co-founder of the billing team.",
    ],
)
def test_rank_words_in_lowercase_are_claims(text, facts):
    assert [c.kind for c in new_claims(text, facts)] == ["entity"]
