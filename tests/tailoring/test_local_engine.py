"""The local engine: deterministic, truthful edit proposals for each strategy."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from refleum.analysis.job_description import JobKeywords
from refleum.analysis.keywords import extract_job_keywords
from refleum.analysis.relevance import job_profile
from refleum.analysis.scoring import match_percentage, resume_evidence, resume_text
from refleum.analysis.skills import find_skills
from refleum.analysis.tenure import experience_years
from refleum.resume_data import CustomSection, ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.local_engine import (
    UnsupportedLanguage,
    propose_edits,
    section_names,
    supported_languages,
)
from refleum.tailoring.rewording import normalise_opening, swap_terms
from refleum.tailoring.schemas import Strategy

MATCHING_JD = """Senior Backend Engineer (Payments)

Acme is a B2B SaaS company building payments APIs. We use PostgreSQL and AWS.

What you'll do
- Build REST APIs in Python for our payments platform.
- Design services that run on Kubernetes.

Requirements
- 5+ years of experience in backend development
- Strong Python and PostgreSQL; experience with Docker and Kubernetes
- JavaScript for internal tools

Nice to have
- Terraform, Apache Kafka
"""

NURSING_JD = """Registered Nurse - ICU

Requirements
- Active RN license, BLS and ACLS
- 2+ years of critical care experience; Epic charting

Nice to have
- CCRN, telemetry
"""

RESUME = ResumeData.model_validate(
    {
        "personalInfo": {"name": "Ana Silva", "title": "Software Developer"},
        "summary": "Developer who likes clean code. Built Postgres-backed services.",
        "workExperience": [
            {
                "id": 1,
                "title": "Senior Backend Engineer",
                "company": "Globex",
                "years": "2021 - Present",
                "description": [
                    "Organized team offsites for 12 people",
                    "Responsible for building REST APIs in Python on Postgres",
                    "Developed Docker images and ran services on k8s",
                ],
            },
            {
                "id": 2,
                "title": "Software Developer",
                "company": "Initech",
                "years": "2017 - 2021",
                "description": [
                    "Wrote JS frontends for 3 teams",
                    "Successfully migrated billing to Kafka",
                ],
            },
        ],
        "education": [
            {
                "id": 1,
                "institution": "State U",
                "degree": "BSc Computer Science",
                "years": "2013 - 2017",
            }
        ],
        "personalProjects": [{"id": 1, "name": "kv", "description": ["A key-value store"]}],
        "additional": {
            "technicalSkills": ["Terraform", "JS", "Docker", "Postgres", "Python", "k8s"]
        },
    }
)

YEARS = experience_years(RESUME)  # 2017 to today: computed as the engine computes it

_STEP = re.compile(r"([A-Za-z_]+)|\[(\d+)\]")


def _steps(path: str) -> list:
    return [name or int(index) for name, index in _STEP.findall(path)]


def _get(resume: ResumeData, path: str):
    node = resume
    for step in _steps(path):
        node = node[step] if isinstance(step, int) else getattr(node, step)
    return node


def _apply(resume: ResumeData, edits: list[Edit]) -> ResumeData:
    """A minimal applier for tests (the truth guard is the real one)."""
    result = resume.model_copy(deep=True)
    for edit in edits:
        if edit.path == "sections":
            continue  # presentation only: no field holds the order
        *parent_steps, last = _steps(edit.path)
        parent = result
        for step in parent_steps:
            parent = parent[step] if isinstance(step, int) else getattr(parent, step)
        if edit.action == "replace":
            if isinstance(last, int):
                parent[last] = edit.value
            else:
                setattr(parent, last, edit.value)
        else:
            items = getattr(parent, last)
            setattr(parent, last, [items[i] for i in edit.value])
    return result


def _run(strategy, jd=MATCHING_JD, resume=RESUME, language="en"):
    return propose_edits(resume, extract_job_keywords(jd), jd, strategy, language)


@pytest.mark.parametrize("strategy", list(Strategy))
def test_deterministic(strategy):
    assert _run(strategy) == _run(strategy)


def test_intensity_grows_from_nudge_to_keywords_to_full():
    nudge, keywords, full = (_run(s) for s in Strategy)
    assert len(nudge) < len(keywords) < len(full)
    assert sum(e.action == "replace" for e in nudge) <= 3
    assert {e.path for e in nudge} <= {e.path for e in keywords}
    full_only = {e.path for e in full} - {e.path for e in keywords}
    assert full_only == {"personalInfo.title", "sections"}
    keyword_summary = next(e.value for e in keywords if e.path == "summary")
    full_summary = next(e.value for e in full if e.path == "summary")
    assert keyword_summary == "Developer who likes clean code. Built PostgreSQL-backed services."
    assert full_summary != keyword_summary  # FULL rewrites; KEYWORDS only swaps


@pytest.mark.parametrize("strategy", list(Strategy))
@pytest.mark.parametrize("jd", [MATCHING_JD, NURSING_JD])
def test_every_original_quotes_the_current_text(strategy, jd):
    for edit in _run(strategy, jd):
        if edit.action == "replace":
            assert _get(RESUME, edit.path) == edit.original, edit.path
        elif edit.path == "sections":
            assert edit.original == "\n".join(section_names(RESUME))
            assert sorted(edit.value) == list(range(len(section_names(RESUME))))
        else:
            current = _get(RESUME, edit.path)
            assert edit.original == "\n".join(current)
            assert sorted(edit.value) == list(range(len(current)))
            assert edit.value != list(range(len(current)))
        assert edit.reason


@pytest.mark.parametrize("strategy", [Strategy.KEYWORDS, Strategy.FULL])
def test_matching_jd_edits_raise_the_match_score(strategy):
    keywords = extract_job_keywords(MATCHING_JD)
    before = match_percentage(RESUME, keywords)
    after = match_percentage(_apply(RESUME, _run(strategy)), keywords)
    assert after > before


def test_nudge_never_lowers_the_match_score():
    keywords = extract_job_keywords(MATCHING_JD)
    after = match_percentage(_apply(RESUME, _run(Strategy.NUDGE)), keywords)
    assert after >= match_percentage(RESUME, keywords)


@pytest.mark.parametrize("strategy", list(Strategy))
@pytest.mark.parametrize("jd", [MATCHING_JD, NURSING_JD])
def test_no_skill_number_or_title_the_resume_lacks(strategy, jd):
    evidence = resume_evidence(RESUME)
    source_numbers = set(re.findall(r"\d+", resume_text(RESUME)))
    titles = {RESUME.personalInfo.title} | {job.title for job in RESUME.workExperience}
    for edit in _run(strategy, jd):
        if edit.action != "replace":
            continue
        assert {m.canonical for m in find_skills(edit.value)} <= evidence.skills, edit.value
        # The summary alone may add one number: the years the dates add up to.
        allowed = source_numbers | ({str(YEARS)} if edit.path == "summary" else set())
        assert set(re.findall(r"\d+", edit.value)) <= allowed, edit.value
        if edit.path == "personalInfo.title":
            assert edit.value in titles


def test_mismatched_jd_proposes_no_jd_skill_and_no_term_swap():
    edits = _run(Strategy.FULL, NURSING_JD)
    nursing = {"Registered Nurse", "Basic Life Support", "Critical care", "Epic Systems"}
    for edit in edits:
        if edit.action == "replace":
            assert not {m.canonical for m in find_skills(edit.value)} & nursing
        if edit.action == "replace" and edit.path.startswith("workExperience"):
            # only JD-independent verb cleanup ("Responsible for building" -> "Built")
            surfaces = [m.surface for m in find_skills(edit.original)]
            assert [m.surface for m in find_skills(edit.value)] == surfaces


@pytest.mark.parametrize("strategy", [Strategy.NUDGE, Strategy.KEYWORDS])
def test_rewords_keep_the_same_skills_in_the_same_order(strategy):
    for edit in _run(strategy):
        if edit.action == "replace":
            before = [m.canonical for m in find_skills(edit.original)]
            assert [m.canonical for m in find_skills(edit.value)] == before


def test_expected_keywords_edits():
    by_path = {e.path: e for e in _run(Strategy.KEYWORDS)}
    assert by_path["workExperience[0].description[1]"].value == (
        "Built REST APIs in Python on PostgreSQL"
    )
    assert by_path["workExperience[0].description[2]"].value == (
        "Built Docker images and ran services on Kubernetes"
    )
    assert (
        by_path["workExperience[1].description[0]"].value
        == "Wrote JavaScript frontends for 3 teams"
    )
    assert by_path["workExperience[1].description[1]"].value == "Migrated billing to Kafka"
    assert by_path["additional.technicalSkills[3]"].value == "PostgreSQL"
    skills_order = by_path["additional.technicalSkills"].value
    assert skills_order == [1, 2, 3, 4, 5, 0]  # required skills first, preferred Terraform last
    assert by_path["workExperience[0].description"].value[-1] == 0  # offsites bullet last


def test_full_summary_and_title_come_from_the_resume():
    by_path = {e.path: e for e in _run(Strategy.FULL)}
    assert by_path["personalInfo.title"].value == "Senior Backend Engineer"
    summary = by_path["summary"].value
    assert summary.startswith(
        f"Senior Backend Engineer with {YEARS} years of experience in Python, PostgreSQL, "
    )
    # Quantified bullets as clauses, each at its employer; not the bullets pasted whole.
    assert "writing JS frontends for 3 teams at Initech" in summary
    assert "organizing team offsites for 12 people at Globex" in summary
    assert "Currently at" not in summary and "Most recently" not in summary
    assert "clean code" not in summary  # the old summary is not carried over
    order = by_path["sections"].value
    assert order[:2] == [0, 1]  # summary, then experience


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("es", "Senior Backend Engineer con {years} años de experiencia en "),
        ("fr", "Senior Backend Engineer avec {years} ans d'expérience en "),
        ("de", "Senior Backend Engineer mit {years} Jahren Erfahrung in "),
        ("pt-BR", "Senior Backend Engineer com {years} anos de experiência em "),
        ("en-GB", "Senior Backend Engineer with {years} years of experience in "),
    ],
)
def test_summary_prose_in_each_shipped_language(language, phrase):
    summary = next(e for e in _run(Strategy.FULL, language=language) if e.path == "summary")
    assert summary.value.startswith(phrase.format(years=YEARS))


@pytest.mark.parametrize(
    ("language", "phrase"),
    [
        ("en", "Senior Backend Engineer with experience in "),
        ("es", "Senior Backend Engineer con experiencia en "),
        ("fr", "Senior Backend Engineer avec une expérience en "),
        ("de", "Senior Backend Engineer mit Erfahrung in "),
        ("pt", "Senior Backend Engineer com experiência em "),
    ],
)
def test_summary_without_readable_dates_states_no_years(language, phrase):
    resume = RESUME.model_copy(deep=True)
    for job in resume.workExperience:
        job.years = ""
    summary = next(
        e for e in _run(Strategy.FULL, resume=resume, language=language) if e.path == "summary"
    )
    assert summary.value.startswith(phrase)
    assert not re.search(r"\d+ (?:years|años|ans|Jahren|anos)", summary.value)


@pytest.mark.parametrize("strategy", list(Strategy))
def test_unsupported_language_raises(strategy):
    with pytest.raises(UnsupportedLanguage) as caught:
        _run(strategy, language="zh")
    assert caught.value.language == "zh"
    assert set(supported_languages()) == {"en", "es", "fr", "de", "pt"}


def test_empty_resume_gets_no_edits():
    assert (
        propose_edits(ResumeData(), extract_job_keywords(MATCHING_JD), MATCHING_JD, Strategy.FULL)
        == []
    )


def test_keyword_list_wording_wins_over_jd_spelling():
    keywords = JobKeywords(required_skills=["Postgres"])
    profile = job_profile(keywords, "We run PostgreSQL.")
    assert swap_terms("Tuned PostgreSQL queries", profile) == (
        "Tuned Postgres queries",
        ['"PostgreSQL" -> "Postgres"'],
    )


@pytest.mark.parametrize(
    ("text", "jd_spelling", "expected"),
    [
        ("Designed REST endpoints", "REST APIs", "Designed REST endpoints"),  # word count
        ("Built an API", "APIs", "Built an API"),  # plural
        ("Used postgresql daily", "PostgreSQL", "Used postgresql daily"),  # case only
        ("Used Postgres daily", "PostgreSQL", "Used PostgreSQL daily"),
    ],
)
def test_swap_terms_only_when_grammar_survives(text, jd_spelling, expected):
    profile = job_profile(JobKeywords(), f"Requirements: {jd_spelling}")
    assert swap_terms(text, profile)[0] == expected


@pytest.mark.parametrize(
    ("text", "verbs", "expected"),
    [
        ("Responsible for managing a team of 4", [], "Managed a team of 4"),
        ("Was responsible for training new hires", [], "Trained new hires"),
        ("Successfully launched the app", [], "Launched the app"),
        ("Developed billing services", ["build"], "Built billing services"),
        ("Developed billing services", ["design"], "Developed billing services"),
        ("Responsible for the budget", ["build"], "Responsible for the budget"),
    ],
)
def test_opening_verb_normalisation(text, verbs, expected):
    assert normalise_opening(text, verbs)[0] == expected


def test_full_on_a_mismatched_jd_keeps_summary_and_title():
    paths = {e.path for e in _run(Strategy.FULL, NURSING_JD)}
    assert "summary" not in paths  # nothing the JD asks for: the old summary is better
    assert "personalInfo.title" not in paths


def test_headline_is_never_an_older_title():
    resume = RESUME.model_copy(deep=True)
    resume.workExperience[0].title = "Platform Engineer"
    resume.workExperience[1].title = "Senior Backend Engineer"
    title = next(e for e in _run(Strategy.FULL, resume=resume) if e.path == "personalInfo.title")
    assert title.value == "Platform Engineer"  # latest job beats "Software Developer"; the
    # older "Senior Backend Engineer" would fit the JD best but is not who the candidate is now


def test_custom_sections_take_part_in_section_order():
    resume = RESUME.model_copy(deep=True)
    resume.customSections["volunteering"] = CustomSection(
        title="Volunteering", type="stringList", strings=["Taught Python and PostgreSQL"]
    )
    order = next(e for e in _run(Strategy.FULL, resume=resume) if e.path == "sections")
    names = section_names(resume)
    assert names[-1] == "customSections.volunteering"
    assert [names[i] for i in order.value][:2] == ["summary", "workExperience"]
    assert order.value.index(5) < order.value.index(2)  # relevant volunteering above education


_BULLET_POOL = [
    "Responsible for building REST APIs in Python on Postgres",
    "Developed Docker images and ran services on k8s",
    "Wrote JS frontends for 3 teams",
    "Successfully migrated billing to Kafka",
    "Organized team offsites for 12 people",
    "Administered medications to 6 patients per shift",
    "Prepared financial statements under US GAAP",
    "Built Excel models in Google Sheets",
    "Led a team of 4 nurses in the ICU",
    "Designed ML pipelines with PySpark and Airflow",
]
_SKILL_POOL = ["JS", "Postgres", "k8s", "Golang", "Python", "Excel", "RN", "BLS", "GAAP", "AWS"]
_JD_SKILL_POOL = [
    "PostgreSQL", "Kubernetes", "JavaScript", "Go", "Python", "Microsoft Excel",
    "Registered Nurse", "ACLS", "IFRS", "Amazon Web Services", "Terraform", "Machine learning",
]  # fmt: skip


@st.composite
def _resumes(draw):
    jobs = draw(st.lists(st.lists(st.sampled_from(_BULLET_POOL), max_size=5), max_size=3))
    return ResumeData.model_validate(
        {
            "personalInfo": {"title": draw(st.sampled_from(["", "Engineer", "Nurse"]))},
            "summary": draw(st.sampled_from(["", "Engineer using Postgres and JS."])),
            "workExperience": [
                {"id": i + 1, "title": "Engineer", "company": f"Co{i}", "description": bullets}
                for i, bullets in enumerate(jobs)
            ],
            "additional": {"technicalSkills": draw(st.lists(st.sampled_from(_SKILL_POOL)))},
        }
    )


def _jd(required, preferred):
    return (
        "Engineer\nRequirements\n- "
        + ", ".join(required)
        + "\nNice to have\n- "
        + (", ".join(preferred))
    )


@settings(max_examples=40, deadline=None)
@given(
    resume=_resumes(),
    required=st.lists(st.sampled_from(_JD_SKILL_POOL), max_size=5),
    preferred=st.lists(st.sampled_from(_JD_SKILL_POOL), max_size=3),
    strategy=st.sampled_from(list(Strategy)),
)
def test_any_resume_and_jd_give_valid_truthful_deterministic_edits(
    resume, required, preferred, strategy
):
    jd = _jd(required, preferred)
    keywords = extract_job_keywords(jd)
    edits = propose_edits(resume, keywords, jd, strategy)
    assert edits == propose_edits(resume, keywords, jd, strategy)
    skills = resume_evidence(resume).skills
    numbers = set(re.findall(r"\d+", resume_text(resume)))
    for edit in edits:
        if edit.action == "replace":
            assert _get(resume, edit.path) == edit.original
            assert {m.canonical for m in find_skills(edit.value)} <= skills
            assert set(re.findall(r"\d+", edit.value)) <= numbers
        elif edit.path != "sections":
            assert sorted(edit.value) == list(range(len(_get(resume, edit.path))))
    after = match_percentage(_apply(resume, edits), keywords)
    assert after >= match_percentage(resume, keywords)


def test_nurse_summary_does_not_repeat_the_title_as_a_skill():
    nurse = ResumeData.model_validate(
        {
            "personalInfo": {"title": "Registered Nurse"},
            "workExperience": [
                {"id": 1, "title": "Staff Nurse", "company": "Mercy Hospital",
                 "years": "2019 - 2023",
                 "description": ["RN on a 30-bed ICU; BLS and ACLS certified", "Charted in Epic"]}
            ],
        }
    )  # fmt: skip
    summary = next(e.value for e in _run(Strategy.FULL, NURSING_JD, nurse) if e.path == "summary")
    assert (
        summary
        == "Registered Nurse with 4 years of experience in BLS, ACLS, critical care and Epic."
    )
