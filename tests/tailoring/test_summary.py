"""The FULL summary from facts (#16), over every fixture resume and the real corpus.

Properties every FULL summary holds, whatever the resume and JD: it adds no number but
the years its dates add up to, copies no bullet word for word, writes common-noun skills
in lowercase mid-sentence and names only roles the resume holds; the truth guard accepts
it. NUDGE and KEYWORDS never rewrite a human summary beyond the JD's wording.
"""

from __future__ import annotations

import asyncio
import re
from functools import lru_cache
from pathlib import Path

import pytest
from bench.bench_gaps import LEAD_JD
from bench.bench_tailor import NURSE_JD
from tests.tailoring.rewording_fixtures import JDS, resumes

from refleum.analysis.grounding import normalize_for_grounding
from refleum.analysis.keywords import extract_job_keywords
from refleum.analysis.relevance import job_profile
from refleum.analysis.scoring import resume_text
from refleum.analysis.skills import find_skills
from refleum.analysis.tenure import experience_years
from refleum.documents.errors import ExtractionFailed
from refleum.documents.extract import extract_markdown
from refleum.parsing.local_parser import parse_resume
from refleum.parsing.real_corpus import real_documents
from refleum.resume_data import ResumeData
from refleum.tailoring.achievements import achievement_clause
from refleum.tailoring.engines import LocalEngine
from refleum.tailoring.guard import apply_edits
from refleum.tailoring.local_engine import propose_edits
from refleum.tailoring.pipeline import run_tailoring
from refleum.tailoring.rewording import swap_terms
from refleum.tailoring.schemas import Strategy

REAL = Path(__file__).parent.parent / "fixtures" / "real"
ALL_JDS = {**JDS, "eng-manager": LEAD_JD, "icu-nurse": NURSE_JD}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SENTENCE_CASE_PHRASE = re.compile(r"^[A-Z][a-z]+(?: [a-z][a-z-]*)+$")


@lru_cache(maxsize=1)
def _real_resumes() -> dict[str, ResumeData]:
    """The real corpus's held-out English documents, as bench_gaps reads them."""
    found: dict[str, ResumeData] = {}
    for document in real_documents(REAL):
        if document.split != "heldout" or document.entry["language"] != "en":
            continue
        try:
            markdown = extract_markdown(document.path.read_bytes(), document.kind).markdown
        except ExtractionFailed:
            continue
        found[f"real:{document.id}"] = parse_resume(markdown).data
    return found


def _all_resumes() -> dict[str, ResumeData]:
    return {**resumes(), **_real_resumes()}


def _summary(resume: ResumeData, jd: str, strategy=Strategy.FULL, language="en"):
    edits = propose_edits(resume, extract_job_keywords(jd), jd, strategy, language)
    return next((e for e in edits if e.path == "summary"), None)


@lru_cache(maxsize=1)
def _full_summaries() -> list[tuple[str, ResumeData, str, str]]:
    """(case, resume, summary, jd) for every resume x JD where FULL writes a summary."""
    found = []
    for name, resume in _all_resumes().items():
        for jd_name, jd in ALL_JDS.items():
            edit = _summary(resume, jd)
            if edit is not None:
                found.append((f"{name}/{jd_name}", resume, edit.value, jd))
    return found


def test_the_corpus_gives_summaries_with_years_and_achievements():
    """The properties below are not vacuous: most pairs get a summary, and the figures
    and clauses they are about occur."""
    summaries = _full_summaries()
    assert len(summaries) >= 60
    assert sum(" years of experience " in s for _, _, s, _ in summaries) >= 40
    assert sum("Highlights include " in s for _, _, s, _ in summaries) >= 40
    assert any(case.startswith("real:") for case, *_ in summaries)


def test_no_number_but_the_resume_s_and_the_dated_years():
    for case, resume, summary, _ in _full_summaries():
        own = set(_NUMBER.findall(resume_text(resume)))
        years = experience_years(resume)
        for number in _NUMBER.findall(summary):
            if number in own:
                continue
            assert years is not None and number == str(years), (case, number, summary)
            assert re.search(rf"\b{number} years? of experience\b", summary), (case, summary)


def test_no_bullet_is_pasted_whole():
    for case, resume, summary, _ in _full_summaries():
        folded = normalize_for_grounding(summary)
        for job in resume.workExperience:
            for bullet in job.description:
                if len(bullet.split()) >= 3:
                    assert normalize_for_grounding(bullet) not in folded, (case, bullet)


def test_skill_casing_mid_sentence():
    """A common-noun skill reads lowercase inside the sentence ("data science"); names
    and acronyms keep their spelling ("R", "PostgreSQL")."""
    for case, resume, summary, jd in _full_summaries():
        source = resume_text(resume) + "\n" + jd
        lead = summary.split(". ")[0]
        for mention in find_skills(lead):
            if mention.start == 0:
                continue
            assert not _SENTENCE_CASE_PHRASE.match(mention.surface), (case, mention.surface)
            if sum(ch.isupper() for ch in mention.surface) >= 2:
                assert mention.surface in source, (case, mention.surface)  # acronyms as written


def test_names_only_a_role_the_resume_holds_and_no_filler():
    for case, resume, summary, _ in _full_summaries():
        titles = {resume.personalInfo.title.strip()} | {
            j.title.strip() for j in resume.workExperience
        }
        titles |= {t[:1].upper() + t[1:] for t in titles}  # a sentence opens in capitals
        assert (
            any(summary.startswith(f"{title} with ") for title in titles if title)
            or summary.startswith(("Experience in", "Experience "))
            or re.match(r"^\d+ years? of experience in", summary)
        ), (case, summary)
        assert "Currently at" not in summary and "Most recently" not in summary


def test_the_truth_guard_accepts_every_full_summary():
    for case, resume, summary, _ in _full_summaries():
        edit = {"path": "summary", "original": resume.summary, "value": summary, "reason": "t"}
        result = apply_edits(resume, resume, [edit])
        assert not result.rejected, (case, result.rejected[0].reason)


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt"])
def test_every_language_s_summary_passes_the_guard(language):
    for name, resume in resumes().items():
        for jd in ALL_JDS.values():
            edit = _summary(resume, jd, language=language)
            if edit is None:
                continue
            assert "{" not in edit.value, edit.value
            assert not apply_edits(resume, resume, [edit]).rejected, (name, edit.value)


BAD_EXAMPLE = (
    "Research Assistant with experience in Data science, R and Communication skills. "
    "Currently at University of Massachusetts."
)
ANALYST_JD = """Research Data Analyst

Requirements
- Data science, R and communication skills
- Statistics

We analyze public-health data and present our findings to stakeholders and the public.
"""


def test_the_issue_s_bad_example_is_not_reproducible():
    resume = ResumeData.model_validate(
        {
            "personalInfo": {"name": "Sam Lee", "title": "Research Assistant"},
            "summary": "Research assistant.",
            "workExperience": [
                {
                    "id": 1,
                    "title": "Research Assistant",
                    "company": "University of Massachusetts",
                    "years": "Sep 2021 - Jun 2024",
                    "description": [
                        "Uses R to analyze survey data from 1,200 households",
                        "Presented findings to 40 stakeholders at the state health board",
                        "Cut data cleaning time by 30% with reusable R scripts",
                    ],
                },
                {
                    "id": 2,
                    "title": "Data Intern",
                    "company": "Mass General",
                    "years": "Jun 2020 - Aug 2021",
                    "description": ["Built 12 dashboards for clinic managers"],
                },
            ],
            "additional": {"technicalSkills": ["Data science", "R", "Communication skills"]},
        }
    )
    summary = _summary(resume, ANALYST_JD).value
    assert summary != BAD_EXAMPLE
    # Sep 2021 - Jun 2024 and Jun 2020 - Aug 2021: 47 months, 3 whole years.
    assert summary.startswith(
        "Research Assistant with 3 years of experience in data science, R and communication "
        "skills. Highlights include "
    )
    assert "Currently at" not in summary
    assert "cutting data cleaning time by 30% at University of Massachusetts" in summary
    assert "building 12 dashboards at Mass General" in summary


HUMAN_SUMMARY = "Engineer who ships Postgres-backed services. Mentors juniors."


@pytest.mark.parametrize("strategy", [Strategy.NUDGE, Strategy.KEYWORDS])
def test_nudge_and_keywords_leave_a_human_summary_but_for_jd_wording(strategy):
    for name, resume in resumes().items():
        for jd in ALL_JDS.values():
            edit = _summary(resume, jd, strategy)
            if edit is None:
                continue
            profile = job_profile(extract_job_keywords(jd), jd)
            assert edit.value == swap_terms(resume.summary, profile)[0], name
    resume = resumes()["example"].model_copy(update={"summary": HUMAN_SUMMARY})
    edit = _summary(resume, JDS["backend"], strategy)
    swapped = HUMAN_SUMMARY.replace("Postgres", "PostgreSQL")
    if strategy == Strategy.NUDGE:
        assert edit is None or edit.value == swapped  # NUDGE keeps its 3 strongest swaps
    else:
        assert edit is not None and edit.value == swapped


@pytest.mark.parametrize(
    ("bullet", "clause"),
    [
        (
            "Reduced broad-spectrum antibiotic days by 23% through stewardship rounds",
            "reducing broad-spectrum antibiotic days by 23%",
        ),
        (
            "Cut p99 latency from 800 ms to 120 ms by moving to PostgreSQL partitioning",
            "cutting p99 latency from 800 ms to 120 ms",
        ),
        ("Closed $2.4M in new annual recurring revenue in FY2023", None),
        ("Teach 5 classes of 30 students in grades 10 to 12", "teaching 5 classes of 30 students"),
        ("First-chaired 7 jury trials in federal court", "first-chairing 7 jury trials"),
        ("Renewed 95% of contracts up for renewal", "renewing 95% of contracts"),
        ("Applied 3 fixes", "applying 3 fixes"),
    ],
)
def test_achievement_clauses(bullet, clause):
    if clause is None:
        clause = "closing $2.4M in new annual recurring revenue"
    assert achievement_clause(bullet) == clause


@pytest.mark.parametrize(
    "bullet",
    [
        "Managed the migration in 2021",  # a year is not an achievement
        "Responsible for budgets",  # no number
        "Budget of $2M for the clinic",  # opens with a noun
        "Redesigned onboarding and raised completion by 19%",  # a second verb stays past
        "Optimised slow queries, lowering latency by 45%",  # a clause break before it
        "Reduje los costes un 20%",  # not English: no guessing at its grammar
        "Promoted to team lead after 6 months",  # done to the candidate, not by them
    ],
)
def test_bullets_that_give_no_clause(bullet):
    assert achievement_clause(bullet) is None


@pytest.mark.parametrize("strategy", [Strategy.NUDGE, Strategy.KEYWORDS])
def test_the_pipeline_keeps_a_human_summary_under_nudge_and_keywords(strategy):
    """The AI-phrase pass still plain-words the bullets, but not a summary the candidate
    wrote: under NUDGE and KEYWORDS only the JD's wording reaches it."""
    resume = resumes()["example"].model_copy(deep=True)
    resume.summary = "Engineer who leveraged Postgres to ship payment services."
    resume.workExperience[0].description[0] = "Leveraged Python to build payout services"
    jd = JDS["backend"]
    outcome = asyncio.run(run_tailoring(LocalEngine(), resume, resume, jd, strategy, "en"))
    assert outcome.resume.summary in (
        resume.summary,
        swap_terms(resume.summary, job_profile(outcome.keywords, jd))[0],
    )
    assert "leveraged" in outcome.resume.summary
    assert not any(
        "Leveraged" in b for job in outcome.resume.workExperience for b in job.description
    )
