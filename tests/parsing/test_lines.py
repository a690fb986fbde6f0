from refleum.parsing.lines import Line, read_lines


def test_markdown_line_kinds():
    assert read_lines("# Jane Doe\n## Skills\n### Tools\n- Go\n\u2022 Rust\n* Zig\nplain\n\n") == [
        Line("title", "Jane Doe"),
        Line("heading", "Skills"),
        Line("text", "Tools", sub=True),  # a sub-heading: a label, never a section
        Line("bullet", "Go"),
        Line("bullet", "Rust"),
        Line("bullet", "Zig"),
        Line("text", "plain"),
        Line("blank", ""),
    ]


def test_dash_led_line_is_text_not_a_bullet():
    # the wrapped rest of a "Title — Company" cell, not a list item
    line = "\u2014 Glavbolgarstroy, Sofia"
    assert read_lines(line) == [Line("text", line)]


def test_lines_of_only_glyphs_are_blank_but_other_symbols_are_text():
    assert [line.kind for line in read_lines("\u00b7\n\u2014\n- \n|\n")] == [
        "blank",
        "blank",
        "blank",
        "text",
    ]


def test_text_glyph_bullets_are_bullets():
    # LaTeX classes that draw their bullet as a character: '>', '»', '›'.
    for glyph in (">", "\u00bb", "\u203a"):
        assert read_lines(f"{glyph} Opened the museum") == [Line("bullet", "Opened the museum")]
    assert read_lines(">10 years") == [Line("text", ">10 years")]
