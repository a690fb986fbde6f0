"""The markdown writer and the character clean-up behind it."""

from __future__ import annotations

import pytest

from refleum.documents.markdown import BREAK, Line, render
from refleum.documents.text_clean import clean, join_wrapped, strip_bullet


def test_render_puts_the_title_first_and_spaces_blocks():
    lines = [
        Line("heading", "Contact"),
        Line("text", "a@b.c"),
        Line("title", "Jane Doe"),
        BREAK,
        BREAK,
        Line("bullet", "Did X"),
        Line("title", "Second Big Line"),
    ]
    assert render(lines) == "# Jane Doe\n\n## Contact\n\na@b.c\n\n- Did X\n\n## Second Big Line\n"


def test_render_joins_a_word_hyphenated_over_two_plain_lines():
    lines = [
        Line("text", "Built the develop-"),
        Line("text", "ment pipeline"),
        Line("text", "Next line"),
    ]
    assert render(lines) == "Built the development pipeline\nNext line\n"


def test_render_of_nothing_is_empty():
    assert render([BREAK, Line("text", "  ")]) == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ﬁnance ﬂow", "finance flow"),
        ("Jos\u0065\u0301 Garci\u0301a", "José García"),
        ("5\u00a0000\u202fusers\tnow", "5 000 users now"),
        ("re\u00adsume", "resume"),
        ("develop\u00ad", "develop-"),
        ("Net\u2010a\u2011Porter", "Net-a-Porter"),
        ("Dec, 2013 - Dec, 20141 year", "Dec, 2013 - Dec, 2014 1 year"),
        ("2019 - 202011 months", "2019 - 2020 11 months"),
        ("2019 12 months", "2019 12 months"),
        ("Mar, 2021 - Present3 years", "Mar, 2021 - Present 3 years"),
        ("MP4 video", "MP4 video"),
        ("120141 years", "120141 years"),
    ],
)
def test_clean(raw, expected):
    assert clean(raw) == expected


@pytest.mark.parametrize("glyph", ["•", "▪", "◦", "●", "–", "-", "*", "\uf0b7", "\u2023", "➢"])
def test_every_bullet_glyph_is_recognised(glyph):
    assert strip_bullet(f"{glyph} Led a team of 4") == "Led a team of 4"


def test_text_that_merely_starts_with_a_dash_is_not_a_bullet():
    assert strip_bullet("-5% churn year on year") is None
    assert strip_bullet("2019 – 2021") is None


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("develop-", "ment", "development"),
        ("an end-to-", "end system", "an end-to-end system"),
        ("Jean-", "Luc", "Jean- Luc"),
        ("Led a team", "of 4", "Led a team of 4"),
    ],
)
def test_join_wrapped(first, second, joined):
    assert join_wrapped(first, second) == joined


def test_marker_glyphs_touching_their_text_are_bullets():
    assert strip_bullet("•Led a team of 4") == "Led a team of 4"
    assert strip_bullet("\uf0b7Cut costs") == "Cut costs"
    assert strip_bullet("*required field") is None


def test_a_hash_starting_plain_text_survives_but_cannot_fake_a_heading():
    assert render([Line("text", "#1 in region")]) == "#1 in region\n"
    assert render([Line("text", "## Not a heading")]) == "Not a heading\n"
