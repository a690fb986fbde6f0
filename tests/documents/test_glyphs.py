"""Glyph repair: what a PDF font draws is what the stored text says, nothing else.

Each PDF is built here with a font that misbehaves like fonts seen in real resumes.
"""

from __future__ import annotations

import pytest
from tests.documents.font_pdf import Font, Run, font_pdf

from refleum.documents.extract import extract_markdown
from refleum.documents.pdf_glyphs import is_icon_font
from refleum.documents.text_clean import clean, is_unprintable, sanitize


def pdf_text(fonts: list[Font], runs: list[Run]) -> str:
    return extract_markdown(font_pdf(fonts, runs), "pdf").markdown


def assert_printable(text: str) -> None:
    assert not [ch for ch in text if is_unprintable(ch)], repr(text)


def _coded_font(*texts: bytes) -> Font:
    """A TeX bitmap font as dvips embeds it: each used glyph named "a<code>"."""
    return Font(type3=True, differences={code: f"a{code}" for code in sorted(set(b"".join(texts)))})


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        # T1 (Cork): accented letters at their Latin-1 codes, ligatures at 27-31.
        (b"Exp\xe9rience \xe0 Lyon, dipl\xf4me", "Expérience à Lyon, diplôme"),
        (b"Certi\x1ccat \x13 niveau 2 \x14 \xe9t\xe9", "Certificat « niveau 2 » été"),
        (b"Na\xefve fa\xe7ade, \xc9cole", "Naïve façade, École"),
        # OT1 (128 glyphs): ligatures at 11-15, no code above 127.
        (b"O\x0ece work\x0dows", "Office workflows"),
    ],
    ids=["t1-accents", "t1-ligature-guillemets", "t1-more-accents", "ot1-ligatures"],
)
def test_tex_bitmap_font_glyphs_named_by_code_read_as_tex_letters(codes, expected):
    # Issue #12: StandardEncoding read code 233 as "Ø" and dropped "à", "ô", "ç".
    text = pdf_text([_coded_font(codes)], [Run(72, 700, codes)])
    assert text == expected + "\n"


def test_ligature_mapped_to_nul_is_read_through_its_glyph_name():
    # ToUnicode says U+0000 for the /ff glyph; the glyph name still says "ff".
    font = Font(differences={128: "ff"}, to_unicode={128: "0000"})
    text = pdf_text([font], [Run(72, 700, b"Led e\x80ective teams of five")])
    assert text == "Led effective teams of five\n"


def test_ligature_missing_from_to_unicode_is_read_through_its_glyph_name():
    font = Font(differences={128: "ffi", 129: "fl"}, to_unicode={})
    text = pdf_text([font], [Run(72, 700, b"O\x80ce work\x81ows")])
    assert text == "Office workflows\n"


def test_nul_without_any_glyph_name_is_dropped_not_stored():
    font = Font(to_unicode={0x81: "0000"})  # 0x81: no glyph in WinAnsi
    text = pdf_text([font], [Run(72, 700, b"Senior \x81Engineer at Acme")])
    assert_printable(text)
    assert "Senior Engineer at Acme" in text


@pytest.mark.parametrize(
    "base", ["FontAwesome", "ABCDEF+FontAwesome5Free-Solid", "MaterialIcons-Regular", "icomoon"]
)
def test_icon_font_glyphs_are_dropped(base):
    fonts = [Font(), Font(base=base)]
    runs = [Run(72, 700, b"z", font=1), Run(90, 700, b"Acme Corporation Limited")]
    assert pdf_text(fonts, runs) == "Acme Corporation Limited\n"


def test_icon_font_rating_dots_are_dropped():
    fonts = [Font(), Font(base="FontAwesome", to_unicode={0x6F: "25CB"})]
    runs = [Run(72, 700, b"Spanish"), Run(200, 700, b"o o o", font=1)]
    assert pdf_text(fonts, runs).strip() == "Spanish"


def test_wingdings_bullet_stays_a_bullet():
    fonts = [Font(), Font(base="ABCDEF+Wingdings-Regular", to_unicode={0xA7: "F0A7"})]
    runs = [Run(72, 700, b"\xa7", font=1), Run(84, 700, b"Led the platform team")]
    assert pdf_text(fonts, runs) == "- Led the platform team\n"


def test_drawn_soft_hyphen_is_a_dash_between_years_and_words():
    font = Font(to_unicode={0xAD: "00AD"})
    text = pdf_text([font], [Run(72, 700, b"Co\xadfounder, Acme 2019\xad2021")])
    assert text == "Co-founder, Acme 2019-2021\n"


def test_carriage_return_between_words_is_a_space():
    font = Font(to_unicode={0x20: "000D"})
    text = pdf_text([font], [Run(72, 700, b"Senior Engineer at Acme Corporation")])
    assert text == "Senior Engineer at Acme Corporation\n"


def test_carriage_return_without_a_glyph_name_is_still_a_space():
    # Code 0x81 has no glyph in WinAnsi: only the ToUnicode map speaks for it.
    font = Font(to_unicode={0x81: "000D"})
    text = pdf_text([font], [Run(72, 700, b"Senior\x81Engineer\x81at\x81Acme\x81Corporation")])
    assert text == "Senior Engineer at Acme Corporation\n"


@pytest.mark.parametrize(
    ("name", "icon"),
    [
        ("ABCDEF+FontAwesome", True),
        ("Font Awesome 6 Brands", True),
        ("fontawesome-webfont", True),
        ("academicons", True),
        ("MaterialSymbolsOutlined-Regular", True),
        ("Wingdings-Regular", True),
        ("simple-icons", True),
        ("Helvetica-Bold", False),
        ("SymbolMT", False),
        ("Calibri", False),
    ],
)
def test_icon_font_names(name, icon):
    assert is_icon_font(name) is icon


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("e\x00ective", "eective"),
        ("Acme\ue001 Corp", "Acme Corp"),
        ("Senior\rEngineer", "Senior Engineer"),
        ("2019\u00ad2021", "2019-2021"),
        ("\uf0b7 Led the team", "• Led the team"),
        ("Spanish ● ● ● ○ ○", "Spanish"),
        ("bell\x07 and\x1b escape", "bell and escape"),
    ],
)
def test_clean_repairs_glyphs(raw, expected):
    assert clean(raw) == expected


def test_sanitize_keeps_newlines_and_tabs_and_drops_the_rest():
    hostile = "Name\x00\r\nLine\ttab\x0b\x1f\x7f\x85\udcff\U000f0000\ue000 end\rword"
    assert sanitize(hostile) == "Name\nLine\ttab end word"


def test_docx_runs_in_an_icon_font_are_dropped():
    from io import BytesIO

    from docx import Document

    document = Document()
    paragraph = document.add_paragraph()
    icon = paragraph.add_run("z")
    icon.font.name = "FontAwesome"
    paragraph.add_run(" Acme Corporation Limited")
    document.add_paragraph("Spanish ● ● ● ○ ○")
    buffer = BytesIO()
    document.save(buffer)
    markdown = extract_markdown(buffer.getvalue(), "docx").markdown
    # The first line becomes the title; what matters is that no "z" precedes the name.
    assert markdown == "# Acme Corporation Limited\n\nSpanish\n"


@pytest.mark.parametrize(("marker_size", "bullet"), [(8, True), (16, False)])
def test_an_unmapped_glyph_before_a_line_is_its_list_marker_unless_larger(marker_size, bullet):
    # Issue #12: Chromium draws a list's disc from a subset font that maps it to nothing
    # ("(cid:0)"); no larger than the text it marks, it is the bullet; larger, an icon.
    fonts = [Font(), Font(to_unicode={})]  # 0x81: in no ToUnicode map, no WinAnsi glyph
    runs = [
        Run(72, 700, b"\x81", font=1, size=marker_size),
        Run(86, 700, b"Led the platform team"),
    ]
    text = pdf_text(fonts, runs)
    assert ("- Led the platform team" in text.splitlines()) is bullet
    assert "Led the platform team" in text and "cid" not in text
