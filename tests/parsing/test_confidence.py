"""Per-entry confidence: each work and education entry says how sure the parser is, and a
weak part becomes a plain warning naming the entry and the part to check."""

from refleum.parsing.confidence import NO_EXPERIENCE_WARNING
from refleum.parsing.local_parser import parse_resume

CLEAR = (
    "# Ana Souza\n\n## Experience\n\n"
    "Data Analyst — Northwind Traders Ltd | Jan 2021 – Present\n- Built dashboards\n\n"
    "## Education\n\nBSc Statistics, University of Lisbon | 2016 – 2020\n"
)
UNCLEAR = (
    "# Ana Souza\n\n## Experience\n\n"
    "Data Analyst — Northwind Traders Ltd | Jan 2021 – Present\n- Built dashboards\n\n"
    "Blue Harbour — Green Valley\n- Ran the night shift\n\n"
    "## Education\n\nBSc Statistics, University of Lisbon | 2016 – 2020\n"
)


def test_clear_entries_are_sure_and_add_no_warning():
    result = parse_resume(CLEAR)
    assert [(e.section, e.index, e.confidence, e.weak) for e in result.entries] == [
        ("workExperience", 1, 1.0, []),
        ("education", 1, 1.0, []),
    ]
    assert not any(w.startswith("Check") for w in result.warnings)


def test_an_entry_split_by_order_alone_is_unsure_and_says_which_part_to_check():
    result = parse_resume(UNCLEAR)
    second = result.entries[1]
    assert (second.section, second.index) == ("workExperience", 2)
    assert second.confidence < result.entries[0].confidence
    assert second.weak == ["its title and company could not be told apart", "no dates were found"]
    assert (
        "Check work experience entry 2: its title and company could not be told apart; "
        "no dates were found"
    ) in result.warnings
    assert not any("entry 1" in w for w in result.warnings)


def test_a_resume_without_work_experience_says_so():
    result = parse_resume("# Ana Souza\n\n## Skills\n\nSQL, Python\n")
    assert NO_EXPERIENCE_WARNING in result.warnings
    assert result.entries == []
