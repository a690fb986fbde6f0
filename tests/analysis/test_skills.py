"""The skills vocabulary and find_skills: the one definition of "mentions skill X"."""

import json
from importlib import resources

import pytest

from refleum.analysis.skills import (
    SkillMention,
    Vocabulary,
    VocabularyError,
    canonical_skill,
    find_skills,
    skill_category,
    skill_surfaces,
    vocabulary,
)


def _names(text: str) -> list[str]:
    return [m.canonical for m in find_skills(text)]


def _raw() -> dict:
    path = resources.files("refleum.analysis").joinpath("data/skills.json")
    return json.loads(path.read_text("utf-8"))


def test_vocabulary_is_large_and_covers_every_field():
    skills = vocabulary().skills
    surfaces = sum(len(s.surfaces) for s in skills)
    assert surfaces >= 1500
    assert len(skills) >= 900
    expected = {
        "software",
        "data",
        "cloud_devops",
        "healthcare",
        "finance",
        "marketing",
        "sales",
        "engineering",
        "education",
        "design",
        "legal",
        "operations",
        "human_resources",
        "hospitality",
        "domain",
    }
    assert expected <= set(_raw()["categories"])


def test_every_canonical_is_unique_and_no_alias_names_two_skills():
    owner: dict[str, str] = {}
    canonicals = [s.canonical.lower() for s in vocabulary().skills]
    assert len(canonicals) == len(set(canonicals))
    for skill in vocabulary().skills:
        for surface in skill.surfaces:
            key = " ".join(surface.lower().split())
            assert owner.setdefault(key, skill.canonical) == skill.canonical, surface


def test_loader_rejects_an_alias_of_two_skills():
    data = {
        "categories": {
            "x": [
                {"canonical": "Kubernetes", "aliases": ["k8s"]},
                {"canonical": "Nomad", "aliases": ["K8S"]},
            ]
        }
    }
    with pytest.raises(VocabularyError):
        Vocabulary(data)


def test_loader_rejects_duplicate_canonical():
    with pytest.raises(VocabularyError):
        Vocabulary({"categories": {"x": ["Python"], "y": ["python"]}})


def test_mentions_carry_canonical_surface_and_exact_span():
    text = "Built services in Postgres and k8s."
    mentions = find_skills(text)
    assert mentions == [
        SkillMention("PostgreSQL", "Postgres", 18, 26),
        SkillMention("Kubernetes", "k8s", 31, 34),
    ]
    for m in mentions:
        assert text[m.start : m.end] == m.surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JS and TypeScript", ["JavaScript", "TypeScript"]),
        ("C++, C# and C", ["C++", "C#", "C"]),
        ("JavaScript not Java", ["JavaScript", "Java"]),
        ("React Native apps", ["React Native"]),
        ("Node.js services", ["Node.js"]),
        ("ASP.NET and .NET", ["ASP.NET", ".NET"]),
        ("CI/CD on AWS Lambda", ["CI/CD", "AWS Lambda"]),
        ("machine learning with PyTorch", ["Machine learning", "PyTorch"]),
        ("US GAAP and IFRS reporting", ["GAAP", "IFRS"]),
        ("FP&A and M&A", ["Financial planning and analysis", "Mergers and acquisitions"]),
        (
            "RN with BLS, ACLS",
            ["Registered Nurse", "Basic Life Support", "Advanced Cardiovascular Life Support"],
        ),
    ],
)
def test_alias_aware_longest_whole_word_matches(text, expected):
    assert _names(text) == expected


def test_no_match_inside_a_longer_word():
    assert _names("Javanese scripts, Gopher, Rusty, Cpanel") == []


def test_case_sensitive_surfaces_need_their_capitalisation():
    assert _names("I react quickly and excel at rust removal") == []
    assert _names("Built in React, Excel and Rust") == ["React", "Microsoft Excel", "Rust"]
    assert _names("rn") == []


def test_ambiguous_go_and_r():
    assert _names("Go to market plans") == ["Go-to-market strategy"]
    assert _names("Led the R&D team; a Go-to-market push") == ["Go-to-market strategy"]
    assert _names("Go, Python, Rust") == ["Go", "Python", "Rust"]
    assert _names("Services written in Go and R.") == ["Go", "R"]
    assert _names("We go there. Go ahead.") == []
    assert _names("Go") == ["Go"]


def test_results_are_ordered_and_non_overlapping():
    mentions = find_skills("Kubernetes, Docker, Terraform, Python and SQL, Kubernetes")
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    for left, right in zip(mentions, mentions[1:], strict=False):
        assert left.end <= right.start


def test_canonical_skill_for_names_on_their_own():
    assert canonical_skill("k8s") == "Kubernetes"
    assert canonical_skill("Postgres") == "PostgreSQL"
    assert canonical_skill("  golang ") == "Go"
    assert canonical_skill("postgresql") == "PostgreSQL"
    assert canonical_skill("r") == "R"  # a skills list item, not prose
    assert canonical_skill("Kubernetes") == "Kubernetes"
    assert canonical_skill("underwater basket weaving") is None


def test_category_and_surfaces():
    assert skill_category("Kubernetes") == "cloud_devops"
    assert skill_category("SaaS") == "domain"
    assert skill_surfaces("PostgreSQL")[0] == "PostgreSQL"
    assert "Postgres" in skill_surfaces("PostgreSQL")
    assert skill_surfaces("Nope") == ()


def test_every_surface_finds_its_own_skill():
    for skill in vocabulary().skills:
        for surface in skill.surfaces:
            found = find_skills(f"x; {surface} ;x")
            assert [m.canonical for m in found] == [skill.canonical], surface


def test_loader_rejects_a_flag_naming_an_unknown_surface():
    entry = {"canonical": "Go", "aliases": ["Golang"], "ambiguous": ["GO"]}
    with pytest.raises(VocabularyError):
        Vocabulary({"categories": {"x": [entry]}})


def test_sentence_initial_excel_is_the_verb():
    assert _names("Excel at building relationships.") == []
    assert _names("Excel, Word and PowerPoint") == ["Microsoft Excel", "Microsoft PowerPoint"]
    assert _names("Built Excel models") == ["Microsoft Excel"]


def test_domain_neighbours_are_not_confused():
    assert _names("Sous Chef at Le Bistro") == []  # the cook, not Chef Infra
    assert _names("Managed the Phoenix office") == []
    assert _names("Provided care on a Medical/Surgical unit") == ["Medical-surgical nursing"]


def test_a_mention_never_spans_two_lines():
    assert _names("Built apps in React\nNative speakers welcome") == ["React"]
    assert _names("Machine learning\nmachine\nlearning") == ["Machine learning"]


def test_ambiguous_names_in_lists_after_a_colon_or_dash():
    assert _names("Skills: Go and Rust") == ["Go", "Rust"]
    assert _names("Python - Go - Rust") == ["Python", "Go", "Rust"]
    assert _names("- Go to market with partners") == ["Go-to-market strategy"]


@pytest.mark.parametrize(
    "entries",
    [
        [{"canonical": "Go", "case_sensitive": True}, {"canonical": "Go Lang", "aliases": ["GO"]}],
        [
            {"canonical": "Go", "case_sensitive": True},
            {"canonical": "Other", "aliases": ["Go"], "case_sensitive": True},
        ],
    ],
)
def test_loader_rejects_case_rules_that_overlap(entries):
    with pytest.raises(VocabularyError):
        Vocabulary({"categories": {"x": entries}})


def test_case_sensitive_twins_may_name_different_skills():
    physician = {"canonical": "Physician Assistant", "aliases": ["PA"], "case_sensitive": ["PA"]}
    element = {"canonical": "Protactinium", "aliases": ["Pa"], "case_sensitive": ["Pa"]}
    vocab = Vocabulary({"categories": {"x": [physician, element]}})
    assert [m.canonical for m in vocab.find("PA and Pa")] == ["Physician Assistant", "Protactinium"]
