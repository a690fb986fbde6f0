"""Local job keyword extraction: sections, years, seniority, responsibilities."""

import pytest

from refleum.analysis.keywords import extract_job_keywords

BACKEND_JD = """Senior Backend Engineer (Payments)

Acme is a B2B SaaS company building payments APIs for marketplaces. We use Postgres and AWS.

What you'll do
- Design and build REST APIs in Python and Go for our payments platform.
- Own services end to end, from design to on-call, and mentor engineers.
- Improve reliability and observability across our Kubernetes clusters; work with product \
managers, designers and data scientists to ship features customers love every single week.

Requirements
- 5+ years of experience in backend development
- Strong Python and PostgreSQL; experience with Docker and k8s
- Experience with Kafka is a plus

Nice to have
- Terraform, GraphQL
- 2-3 years working in fintech

Benefits
- Remote-first, equity. Acme was founded 10 years ago.
"""


@pytest.fixture(scope="module")
def backend():
    return extract_job_keywords(BACKEND_JD)


def test_requirements_section_gives_required_skills_in_the_jds_wording(backend):
    assert backend.required_skills == [
        "Backend development", "Python", "PostgreSQL", "Docker", "Kubernetes",
    ]  # fmt: skip


def test_nice_to_have_section_and_inline_plus_give_preferred(backend):
    assert backend.preferred_skills == ["Kafka", "Terraform", "GraphQL"]


def test_skills_mentioned_elsewhere_and_domain_terms_are_keywords(backend):
    for term in ("Payments", "B2B", "SaaS", "APIs", "AWS", "Go", "Fintech"):
        assert term in backend.keywords
    listed = backend.required_skills + backend.preferred_skills + backend.keywords
    assert len(listed) == len(set(listed))  # each skill once, in its strongest role


def test_responsibilities_are_cleaned_short_and_in_order(backend):
    assert backend.key_responsibilities[0] == (
        "Design and build REST APIs in Python and Go for our payments platform"
    )
    assert len(backend.key_responsibilities) == 3
    assert all(len(r) <= 140 and not r.startswith("-") for r in backend.key_responsibilities)


def test_years_and_seniority(backend):
    assert backend.experience_years == 5  # "founded 10 years ago" and the nice-to-have ignored
    assert backend.seniority_level == "Senior"


def test_a_skill_is_named_canonically_when_the_jd_writes_it_so_anywhere():
    keywords = extract_job_keywords("Requirements:\n- postgres, k8s\n- python\nWe run PostgreSQL.")
    assert keywords.required_skills == ["PostgreSQL", "k8s", "Python"]


def test_deterministic():
    assert extract_job_keywords(BACKEND_JD) == extract_job_keywords(BACKEND_JD)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Requirements:\n- at least three years of experience with Java", 3),
        ("Requirements:\n- 3-5 years of experience in nursing", 3),
        ("Requirements:\n- three to five years experience in sales", 3),
        ("Requirements:\n- Minimum 7 yrs experience", 7),
        ("We were founded 20 years ago.", None),
        ("Requirements:\n- Python", None),
    ],
)
def test_experience_years(text, years):
    assert extract_job_keywords(text).experience_years == years


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Junior Data Analyst\nWe need SQL.", "Junior"),
        ("Software Engineering Intern\nSummer role.", "Intern"),
        ("Staff Engineer, Platform\n...", "Staff"),
        ("Principal Product Designer", "Principal"),
        ("Engineering Manager\nLead a team.", "Manager"),
        ("Director of Finance", "Director"),
        ("We are looking for a Senior Software Engineer to join us.", "Senior"),
        ("We are looking for an engineer to lead our platform team.", None),
        ("Backend Engineer\nRequirements:\n- 3+ years of experience with Go", "Mid"),
        ("Backend Engineer\nRequirements:\n- 6+ years of experience with Go", "Senior"),
    ],
)
def test_seniority_level(text, level):
    assert extract_job_keywords(text).seniority_level == level


def test_jd_without_headings_uses_requirement_cues():
    jd = (
        "We build hospital software. You must be a Registered Nurse with BLS. "
        "Experience with Epic is preferred.\nOur office uses Slack."
    )
    keywords = extract_job_keywords(jd)
    assert keywords.required_skills == ["Registered Nurse", "BLS"]
    assert keywords.preferred_skills == ["Epic"]
    assert "Slack" in keywords.keywords


def test_heading_with_inline_content():
    keywords = extract_job_keywords("Must have: GAAP, CPA\nNice to have: NetSuite")
    assert keywords.required_skills == ["GAAP", "CPA"]
    assert keywords.preferred_skills == ["NetSuite"]


def test_responsibilities_fallback_to_you_will_sentences():
    keywords = extract_job_keywords("Data Analyst\nYou will build dashboards in Tableau.\n")
    assert keywords.key_responsibilities == ["You will build dashboards in Tableau"]


ACCOUNTANT_JD = """**Staff Accountant**
Location: Austin, TX (Hybrid)

**About the Role**
We're a fast-growing fintech. As Staff Accountant you will:
* Own month-end close, journal entries and account reconciliations
* Prepare financial statements under US GAAP

**What We're Looking For**
* Bachelor's degree in Accounting; CPA preferred
* 2-4 years of public or corporate accounting experience
* Advanced Excel (pivot tables); NetSuite a plus

**Perks**
* 401(k) match, unlimited PTO
"""


def test_a_preference_cue_covers_its_own_clause_only():
    keywords = extract_job_keywords(ACCOUNTANT_JD)
    assert keywords.required_skills == ["Accounting", "Excel", "Pivot tables"]
    assert keywords.preferred_skills == ["CPA", "NetSuite"]


def test_prose_around_a_responsibility_list_is_not_a_duty():
    assert extract_job_keywords(ACCOUNTANT_JD).key_responsibilities == [
        "Own month-end close, journal entries and account reconciliations",
        "Prepare financial statements under US GAAP",
    ]


def test_staff_is_a_level_only_on_the_tech_ladder():
    keywords = extract_job_keywords(ACCOUNTANT_JD)
    assert keywords.experience_years == 2
    assert keywords.seniority_level == "Mid"  # from the years: "Staff Accountant" is no level


def test_one_paragraph_jd():
    jd = (
        "We're hiring a Marketing Manager to own our demand generation engine. You'll run "
        "paid social and Google Ads campaigns, partner with sales on ABM, and report on "
        "pipeline in HubSpot. You should have 4+ years of B2B SaaS marketing experience and "
        "strong copywriting skills. Experience with SEO is a bonus."
    )
    keywords = extract_job_keywords(jd)
    assert keywords.required_skills == ["Copywriting"]
    assert keywords.preferred_skills == ["SEO"]
    assert {"Demand generation", "Google Ads", "HubSpot", "B2B", "SaaS"} <= set(keywords.keywords)
    assert keywords.key_responsibilities[0].startswith("You'll run paid social")
    assert (keywords.experience_years, keywords.seniority_level) == (4, "Manager")


def test_a_labelled_bullet_does_not_change_the_section_of_the_next_ones():
    jd = "Requirements\n- Python\n- Nice to have: Kafka\n- Docker"
    keywords = extract_job_keywords(jd)
    assert keywords.required_skills == ["Python", "Docker"]
    assert keywords.preferred_skills == ["Kafka"]
