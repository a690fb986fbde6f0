"""Soft-skill evidence rules: every rule finds its positive line and misses its negative."""

import json
import re
from importlib import resources

import pytest

from refleum.analysis.competencies import rules, showing_line
from refleum.analysis.skills import canonical_skill

# (skill, rule index, a line it must show the skill in, a look-alike it must not)
CASES = [
    ("Team leadership", 0, "Grew the platform team to 12 people", "Led to a 20 % drop in churn"),
    ("Team leadership", 1, "Ran a team of 12 across two sites", "Team of 3"),  # a project role
    ("Team leadership", 2, "Scaled hiring from 3 to 28 engineers", "Cut latency from 3 to 2 s"),
    ("Team leadership", 3, "CTO", "Reported to the engineering director"),
    ("People management", 0, "Managed a team of 8", "Managed a budget of 2M"),
    ("People management", 1, "Managing 6 senior engineers", "Managed 6 projects at once"),
    ("People management", 2, "Had 9 direct reports", "Reported directly to the CEO"),
    ("People management", 3, "Hired 14 engineers in a year", "Was hired in 2019"),
    ("People management", 4, "Ran quarterly performance reviews", "Reviewed pull requests"),
    ("Mentoring", 0, "Mentored four junior developers", "Mentions in the press"),
    ("Mentoring", 1, "Onboarded 5 new hires", "Trained a fraud model on 2M rows"),
    ("Communication skills", 0, "Presented results to the client", "Was presented with an award"),
    ("Communication skills", 1, "Wrote the onboarding documentation", "Wrote Python services"),
    ("Communication skills", 2, "Spoke at PyCon 2023", "Speaks Spanish"),
    ("Communication skills", 3, "Kept stakeholders informed weekly", "Kept the stack current"),
    ("Presentation skills", 0, "Presented the roadmap to the board", "Presented with a prize"),
    ("Presentation skills", 1, "Gave two talks at KubeCon", "Talked the design through"),
    ("Stakeholder management", 0, "Aligned stakeholders on scope", "Held stock options"),
    ("Stakeholder management", 1, "Liaised with regulators", "Lived in Lisbon"),
    ("Executive communication", 0, "Reported monthly to the board", "Reported bugs to vendors"),
    ("Teamwork", 0, "Collaborated with data scientists", "Collaboration tools admin"),
    ("Teamwork", 1, "Worked closely with the design team", "Worked on a design system"),
    (
        "Cross-functional collaboration",
        0,
        "Partnered with product and design on launches",
        "Partnered with a bank",
    ),
    ("Time management", 0, "Met every regulatory deadline", "Met the CEO twice"),
    ("Time management", 1, "Shipped the migration ahead of schedule", "Built a schedule app"),
    ("Time management", 2, "Prioritized a backlog of 300 tickets", "Priority mail clerk"),
    ("Time management", 3, "Juggled 4 client accounts", "Juggling as a hobby"),
    ("Problem solving", 0, "Troubleshot network outages", "Network engineer"),
    ("Problem solving", 1, "Led root-cause analysis", "Root vegetables"),
    ("Problem solving", 2, "Resolved 40 production incidents", "Resolved to learn Rust"),
    ("Conflict resolution", 0, "Mediated between two vendors", "Media buying"),
    ("Conflict resolution", 1, "Resolved customer complaints", "Resolved a bug"),
    ("Negotiation", 0, "Negotiated a 15 % discount", "Navigated a reorg"),
    ("Customer focus", 0, "Raised patient satisfaction to 94 %", "Raised 2M in funding"),
    ("Customer focus", 1, "Lifted NPS by 12 points", "Lifted the SLA"),
]


@pytest.mark.parametrize(("skill", "index", "positive", "negative"), CASES)
def test_each_rule_has_a_positive_and_a_negative_line(skill, index, positive, negative):
    pattern = rules()[skill][index]
    assert pattern.search(positive), positive
    assert not pattern.search(negative), negative


def test_every_rule_is_covered_by_a_case():
    covered = {(skill, index) for skill, index, _, _ in CASES}
    assert covered == {(s, i) for s, patterns in rules().items() for i in range(len(patterns))}


def test_every_competency_is_a_vocabulary_skill():
    raw = resources.files("refleum.analysis").joinpath("data/competencies.json").read_text()
    for skill in json.loads(raw)["skills"]:
        assert canonical_skill(skill) == skill


def test_showing_line_answers_any_name_of_the_skill_with_the_line():
    text = "CTO\nGrew the engineering team from 3 to 28 engineers\nLed to a 20 % drop in costs"
    # The headcount line outranks the bare title: rule order is preference order.
    assert showing_line("leadership", text) == "Grew the engineering team from 3 to 28 engineers"
    assert showing_line("Team leadership", "Led to a 20 % drop in costs") is None
    assert showing_line("Python", text) is None  # no evidence rules: only stated counts


def test_rules_are_case_insensitive():
    assert showing_line("Mentoring", "MENTORED TWO INTERNS")
    assert all(p.flags & re.IGNORECASE for patterns in rules().values() for p in patterns)
