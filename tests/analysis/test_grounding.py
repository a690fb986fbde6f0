from refleum.analysis.grounding import normalize_for_grounding, ungrounded_values
from refleum.resume_data import CustomSection, ResumeData, WorkExperience


def test_normalize_folds_case_width_whitespace_and_dashes():
    assert normalize_for_grounding("Jan 2020 \u2013  Present") == "jan 2020 present"
    assert normalize_for_grounding("Jan 2020 - Present") == "jan 2020 present"
    assert normalize_for_grounding("2019\u20142021") == normalize_for_grounding("2019-2021")
    assert normalize_for_grounding("\uff30\uff59\uff54\uff48\uff4f\uff4e") == "python"
    assert normalize_for_grounding("STRASSE") == normalize_for_grounding("straße")
    assert normalize_for_grounding("e\u0301cole") == normalize_for_grounding("\u00e9cole")


def test_normalize_unifies_quotes_bullets_and_markdown_markers():
    assert normalize_for_grounding("O\u2019Brien") == "o'brien"
    assert normalize_for_grounding("## Skills\n\u2022 Go\n- Rust") == "skills go rust"
    assert normalize_for_grounding("co\u00adoperate") == "cooperate"


def _resume(**fields) -> ResumeData:
    return ResumeData.model_validate(fields)


def test_value_split_over_lines_and_bullets_is_grounded():
    source = "# Jane Doe\n- Built the\n  pipeline in Go\n"
    data = _resume(summary="Built the pipeline in Go")
    assert ungrounded_values(data, source) == []


def test_invented_values_are_reported_with_their_path():
    source = "# Jane Doe\n## Experience\nEngineer — Acme | 2019 – 2021\n- Built APIs\n"
    data = _resume(
        personalInfo={"name": "Jane Doe", "email": "jane@example.com"},
        workExperience=[
            WorkExperience(
                id=1,
                title="Engineer",
                company="Globex",
                years="2019 - 2021",
                description=["Built APIs"],
            )
        ],
    )
    assert ungrounded_values(data, source) == [
        ("personalInfo.email", "jane@example.com"),
        ("workExperience[0].company", "Globex"),
    ]


def test_a_value_joined_from_lines_normalises_like_the_lines_themselves():
    source = "## Talks\n# Jane Doe\n\u00b7 - Built APIs"
    data = _resume(summary="Jane Doe \u00b7 - Built APIs")
    assert ungrounded_values(data, source) == []


def test_a_value_must_not_cut_a_word_or_number_in_two():
    source = "Skills: JavaScript, TypeScript\nGrew revenue 15% in 2019"
    data = _resume(additional={"technicalSkills": ["Java", "Script", "JavaScript"]}, summary="5%")
    assert ungrounded_values(data, source) == [
        ("summary", "5%"),
        ("additional.technicalSkills[0]", "Java"),
        ("additional.technicalSkills[1]", "Script"),
    ]


def test_custom_section_type_literal_is_not_content_but_its_title_is():
    source = "## Talks\n- PyCon 2023"
    data = _resume(
        customSections={
            "talks": CustomSection(title="Talks", type="stringList", strings=["PyCon 2023"]),
            "awards_x": CustomSection(title="Invented", type="text", text=""),
        }
    )
    assert ungrounded_values(data, source) == [("customSections.awards_x.title", "Invented")]


def test_empty_strings_are_grounded():
    assert ungrounded_values(ResumeData(), "") == []
