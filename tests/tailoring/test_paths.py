"""Edit paths: parsing, reading, writing a new model, and the allow-list."""

from __future__ import annotations

import pytest
from tests.tailoring.test_guard import make_resume

from refleum.analysis.facts import TruthFacts
from refleum.analysis.job_description import JobKeywords
from refleum.resume_data import ResumeData
from refleum.tailoring.llm_prompt import listing
from refleum.tailoring.local_engine import propose_edits
from refleum.tailoring.paths import (
    PROSE,
    LineKind,
    PathError,
    editable_lines,
    editable_reason,
    format_path,
    get_value,
    has_path,
    is_editable,
    parse_path,
    section_names,
    set_value,
)
from refleum.tailoring.refine.phrase_removal import remove_ai_phrases
from refleum.tailoring.schemas import Strategy


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("summary", ("summary",)),
        ("personalInfo.title", ("personalInfo", "title")),
        ("workExperience[2].description[1]", ("workExperience", 2, "description", 1)),
        (
            "customSections.publications.items[0].description[1]",
            ("customSections", "publications", "items", 0, "description", 1),
        ),
    ],
)
def test_parse_and_format_round_trip(path, parts):
    assert parse_path(path) == parts
    assert format_path(parts) == path


@pytest.mark.parametrize(
    "path", ["", "a..b", "work[x]", "work[-1]", "[0]", "a.b[", "a b", "x" * 301, "é[0]"]
)
def test_garbage_paths_raise_path_error(path):
    with pytest.raises(PathError):
        parse_path(path)


def test_get_value_reads_nested_values():
    resume = make_resume()
    assert get_value(resume, "workExperience[0].description[1]").startswith("Led a team")
    assert get_value(resume, "customSections.publications.items[0].description[0]") == (
        "Wrote about queues."
    )
    assert get_value(resume, "additional.technicalSkills")[0] == "Python"


@pytest.mark.parametrize(
    "path", ["workExperience[9].description[0]", "summary[0]", "customSections.nope.items", "x"]
)
def test_missing_paths(path):
    assert not has_path(make_resume(), path)
    with pytest.raises(PathError):
        get_value(make_resume(), path)


def test_set_value_returns_a_new_model_and_leaves_the_input_alone():
    resume = make_resume()
    changed = set_value(resume, "workExperience[0].description[0]", "New text.")
    assert changed.workExperience[0].description[0] == "New text."
    assert resume == make_resume()


def test_set_value_never_creates_a_field():
    with pytest.raises(PathError):
        set_value(make_resume(), "workExperience[0].description[7]", "x")


@pytest.mark.parametrize(
    "path",
    [
        "summary",
        "personalInfo.title",
        "workExperience[0].description[2]",
        "personalProjects[0].description[0]",
        "customSections.publications.items[0].description[1]",
        "additional.technicalSkills[3]",
    ],
)
def test_replaceable_paths(path):
    assert is_editable(path, "replace")


@pytest.mark.parametrize(
    "path",
    [
        "workExperience[0].description",
        "personalProjects[1].description",
        "customSections.publications.items[0].description",
        "workExperience",
        "education",
        "personalProjects",
        "customSections.publications.items",
        "additional.technicalSkills",
        "sections",
    ],
)
def test_reorderable_paths(path):
    assert is_editable(path, "reorder")


@pytest.mark.parametrize(
    "path",
    [
        "personalInfo.name",
        "personalInfo.email",
        "personalInfo.phone",
        "personalInfo.location",
        "personalInfo.linkedin",
        "workExperience[0].company",
        "workExperience[0].title",
        "workExperience[0].years",
        "workExperience[0].location",
        "education[0].institution",
        "education[0].degree",
        "education[0].years",
        "education[0].description",
        "personalProjects[0].name",
        "additional.certificationsTraining[0]",
        "additional.awards[0]",
        "additional.languages[0]",
        "customSections.publications.items[0].title",
        "customSections.publications.title",
        "workExperience[0]",
    ],
)
def test_blocked_paths(path):
    assert not is_editable(path, "replace")
    assert not is_editable(path, "reorder")
    assert "blocked field" in editable_reason(path, "replace")


def test_action_must_fit_the_path():
    assert "cannot be changed by 'replace'" in editable_reason("workExperience", "replace")
    assert "cannot be changed by 'reorder'" in editable_reason("summary", "reorder")
    assert editable_reason("summary", "delete") == "unknown action 'delete'"


def test_section_names_follow_custom_sections():
    assert section_names(make_resume())[-1] == "customSections.publications"


# --- editable_lines: the one list of editable lines, used by every engine and pass ---------


def _leaf_paths(node, prefix: str = "") -> list[str]:
    if isinstance(node, dict):
        return [
            p for k, v in node.items() for p in _leaf_paths(v, f"{prefix}.{k}" if prefix else k)
        ]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaf_paths(v, f"{prefix}[{i}]")]
    return [prefix]


def test_editable_lines_are_exactly_what_the_guard_lets_a_replace_change():
    resume = make_resume()
    replaceable = [p for p in _leaf_paths(resume.model_dump()) if is_editable(p, "replace")]
    lines = editable_lines(resume)
    assert sorted(line.path for line in lines) == sorted(replaceable)
    assert all(get_value(resume, line.path) == line.text for line in lines)
    kinds = {line.kind for line in lines}
    assert kinds == set(LineKind)
    owners = {line.owner for line in lines if line.kind == LineKind.BULLET}
    assert "customSections.publications.items[0]" in owners


def test_an_empty_headline_and_summary_are_still_editable():
    resume = make_resume().model_copy(update={"summary": ""})
    assert "summary" in {line.path for line in editable_lines(resume)}


def _every_line_says(resume: ResumeData, prose: str, skill: str) -> ResumeData:
    for line in editable_lines(resume):
        resume = set_value(resume, line.path, skill if line.kind == LineKind.SKILL else prose)
    return resume


# "Postgres" where the JD writes "PostgreSQL": the local engine rewords every line it
# covers; "leveraged": the AI-phrase pass rewrites every line it covers.
STALE = _every_line_says(make_resume(), "Tuned Postgres and leveraged queues.", "Postgres")
JD = "We need PostgreSQL experts."


def test_the_llm_engine_shows_the_model_every_editable_line():
    shown = listing(STALE)
    # Context lines are bracketed: "[education: …]" or an entry's header "w1 [title | …]".
    ids = [line.split(" ", 1) for line in shown.text.splitlines() if not line.startswith("[")]
    listed = [shown.paths[id_] for id_, text in ids if not text.startswith("[")]
    assert listed == [line.path for line in editable_lines(STALE)] + ["sections"]


def test_the_local_engine_rewords_every_editable_line():
    keywords = JobKeywords(required_skills=["PostgreSQL"])
    edits = propose_edits(STALE, keywords, JD, Strategy.KEYWORDS)
    reworded = {edit.path for edit in edits if edit.action == "replace"}
    assert reworded == {line.path for line in editable_lines(STALE)}


def test_the_ai_phrase_pass_covers_every_prose_line_and_no_skill():
    result = remove_ai_phrases(STALE, STALE, JD, TruthFacts.from_resume(STALE))
    prose = [line.path for line in editable_lines(STALE) if line.kind in PROSE]
    assert [change.path for change in result.changes] == prose
