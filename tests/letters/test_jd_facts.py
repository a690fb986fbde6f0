import pytest
from tests.letters.samples import ANONYMOUS_JD, JD, OTHER_JD

from refleum.letters.jd_facts import job_facts


@pytest.mark.parametrize(
    ("text", "company", "role"),
    [
        (JD, "Globex", "Senior Data Analyst"),
        (OTHER_JD, "Initech", "Analytics Engineer"),
        ("Senior Data Analyst at Acme Corp\nWe build things.", "Acme Corp", "Senior Data Analyst"),
        (
            "We are looking for a Backend Engineer to join us. At Stripe, we move money.",
            "Stripe",
            "Backend Engineer",
        ),
        ("Job title: Product Designer\nCompany: Globex\nWe design.", "Globex", "Product Designer"),
        ("Data Engineer (m/w/d) - Zalando SE\nDu baust Pipelines.", "Zalando SE", "Data Engineer"),
        ("Acme is hiring a Product Designer who loves research.", "Acme", "Product Designer"),
    ],
)
def test_company_and_role_come_from_the_jd(text, company, role):
    facts = job_facts(text)
    assert (facts.company, facts.role) == (company, role)


def test_nothing_is_guessed_when_the_jd_does_not_say():
    facts = job_facts(ANONYMOUS_JD)
    assert (facts.company, facts.role) == ("", "")


def test_names_with_digits_are_dropped_because_letters_may_only_repeat_resume_numbers():
    facts = job_facts("Job title: Engineer 2\nCompany: Area 51 Labs\nWe build.")
    assert (facts.company, facts.role) == ("", "")
