from refleum.parsing.custom import read_custom_section
from refleum.parsing.lines import read_lines


def test_bullets_make_a_string_list():
    section = read_custom_section(
        "Publications",
        read_lines(
            "- Predictive Coding After Rio Tinto, Illinois Bar Journal, 2016\n- Second paper"
        ),
    )
    assert section.type == "stringList"
    assert section.strings == [
        "Predictive Coding After Rio Tinto, Illinois Bar Journal, 2016",
        "Second paper",
    ]


def test_one_line_of_short_items_makes_a_string_list():
    section = read_custom_section("Interests", read_lines("Chess, hiking, photography"))
    assert (section.type, section.strings) == ("stringList", ["Chess", "hiking", "photography"])


def test_entries_with_headers_make_an_item_list():
    section = read_custom_section(
        "Volunteering",
        read_lines(
            "Tutor — Lagos Food Bank Initiative\n2019 – 2022\n- Ran maths clinics\n\n"
            "Cook — Les Restos du Cœur | 2020\n- Meals"
        ),
    )
    assert section.type == "itemList"
    assert [item.model_dump() for item in section.items] == [
        {
            "id": 1,
            "title": "Tutor",
            "subtitle": "Lagos Food Bank Initiative",
            "years": "2019 – 2022",
            "description": ["Ran maths clinics"],
        },
        {
            "id": 2,
            "title": "Cook",
            "subtitle": "Les Restos du Cœur",
            "years": "2020",
            "description": ["Meals"],
        },
    ]


def test_prose_makes_a_text_section_with_its_paragraphs():
    section = read_custom_section(
        "Pro Bono",
        read_lines(
            "Volunteer counsel for the Chicago Volunteer Legal Services eviction clinic\n\n"
            "since 2012."
        ),
    )
    assert section.type == "text"
    assert section.text == (
        "Volunteer counsel for the Chicago Volunteer Legal Services eviction clinic\n\nsince 2012."
    )


def test_empty_section_is_dropped():
    assert read_custom_section("References", read_lines("\n\n")) is None
