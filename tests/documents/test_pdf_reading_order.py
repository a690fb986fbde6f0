"""Reading order per layout, on corpus files and on purpose-built PDFs."""

from __future__ import annotations

import pytest
from tests.documents.corpus_files import CORPUS
from tests.documents.tiny_pdf import Text, build_pdf

from refleum.documents.extract import extract_markdown
from refleum.documents.pdf_lines import _is_bold
from refleum.documents.pdf_text import _unfinished_address
from refleum.parsing.local_parser import parse_resume


def markdown_of(name: str) -> list[str]:
    return extract_markdown((CORPUS / name).read_bytes(), "pdf").markdown.splitlines()


def test_single_column_keeps_entries_in_order():
    lines = markdown_of("jose_garcia_nurse.pdf")
    first = lines.index("ICU Staff Nurse — Hospital Universitari i Politècnic La Fe")
    assert lines[first + 1] == "Valencia, Jan 2020 – Present"
    assert (
        lines[first + 2]
        == "- Care for 4 critically ill patients per shift in a 24-bed intensive care unit"
    )
    assert lines.index("## Experience") < first < lines.index("## Education")


@pytest.mark.parametrize(
    ("name", "sidebar", "main"),
    [
        (
            "zoe_martin_accountant.pdf",
            ["zoe.martin@example.org", "+44 7700 900123", "Leeds, United Kingdom"],
            [
                "Senior Auditor — Grant & Hollis LLP",
                "Leeds, 2019–2024",
                "- Led audits of 14 clients with combined revenue of £310M",
            ],
        ),
        (
            "lukasz_nowak_mechanical.pdf",
            ["lukasz.nowak@example.pl", "+48 601 234 567", "Wrocław, Poland"],
            [
                "Hydromet Sp. z o.o. / Design Engineer",
                "Wrocław, 03/2018 - Present",
                "- Designed a valve block that lowered unit cost by 18%",
            ],
        ),
        (
            "ingrid_sorensen_research.pdf",
            ["Impedance spectroscopy", "XRD", "Glovebox synthesis"],
            [
                "- Filed 2 patent applications",
                "Postdoctoral Fellow — Aarhus University, Aarhus",
                "2018 - 2021",
            ],
        ),
    ],
    ids=["left-sidebar", "right-sidebar", "row-by-row-producer"],
)
def test_columns_are_read_whole_not_interleaved(name, sidebar, main):
    lines = markdown_of(name)
    for block in (sidebar, main):
        start = lines.index(block[0])
        assert lines[start : start + len(block)] == block


@pytest.mark.parametrize(
    ("name", "row"),
    [
        (
            "nguyen_thi_lan_data_scientist.pdf",
            "Senior Data Scientist — Tiki Corporation | Ho Chi Minh City | Feb 2021 – Present",
        ),
        ("rahul_mehta_sales.pdf", "Account Manager — Zoho | Chennai | Jul 2017 – Mar 2021"),
        ("hannah_schmidt_pm.pdf", "Bosch / Engineering Intern | Stuttgart | Summer 2015"),
        ("aiko_tanaka_new_grad.pdf", "Line Follower Robot — Team of 3 | Summer 2023"),
    ],
    ids=["weasyprint-table", "dense-small-font", "chromium-table", "caps-headings"],
)
def test_dates_in_a_right_column_join_their_row(name, row):
    assert row in markdown_of(name)


def test_bullet_continued_over_a_page_break_is_one_item():
    lines = markdown_of("michael_obrien_lawyer.pdf")
    assert "- Second-chaired 2 arbitrations before the American Arbitration Association" in lines
    assert "Arbitration Association" not in lines


def test_bullets_drawn_as_shapes_are_still_bullets():
    lines = markdown_of("sofia_rossi_marketer.pdf")  # Chromium draws list discs as paths
    assert "- Managed a €1.8M annual paid search budget" in lines


def test_automatic_hyphenation_is_undone():
    lines = markdown_of("priya_raman_marketing_analyst.pdf")
    assert "- Cleaned survey data from 9,000 respondents" in lines
    assert "BA Economics, University of California, Berkeley" in lines


def test_caps_headings_at_body_size_are_headings():
    lines = markdown_of("aiko_tanaka_new_grad.pdf")
    assert {"## PROJECTS", "## EDUCATION", "## SKILLS"} <= set(lines)
    assert "## TinySLAM — Lead developer | 2024 – 2025" not in lines


def test_libreoffice_pdf_keeps_headings_and_bullets():
    lines = markdown_of("chloe_dubois_designer.pdf")
    assert "## Work Experience" in lines
    assert "- Built a design system of 140 components in Figma" in lines


def _page(*texts: Text) -> list[Text]:
    return list(texts)


def test_wrapped_bullet_and_hyphenated_paragraph_in_a_built_pdf():
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 20, True),
                Text(40, 760, "Experience", 13, True),
                Text(40, 740, "We built a develop-"),
                Text(40, 727, "ment pipeline end-to-"),
                Text(40, 714, "end for 3 teams"),
                Text(40, 690, "\u2022"),
                Text(55, 690, "Shipped the payment"),
                Text(55, 677, "service to 9,000 users"),
                Text(40, 650, "Anne-"),
                Text(40, 637, "Marie Leroy, referee"),
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    assert lines[:3] == ["# Jane Doe", "", "## Experience"]
    assert "We built a development pipeline end-to-end for 3 teams" in lines
    assert "- Shipped the payment service to 9,000 users" in lines
    assert ["Anne-", "Marie Leroy, referee"] == lines[-2:]  # a capital after the hyphen: not joined


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        # A timeline entry: a short marked line, then its own details at the text indent.
        ("\u2022 Analyst", "Acme Corp, Springfield. 2019 \u2013 2021", False),
        ("\u2022 Team lead", "Initech, Riverside", False),
        # A real wrap: the next word would not have fitted on the first line.
        ("\u2022 Reviewed the quarterly ledgers of nine regional", "offices for errors", True),
    ],
    ids=["entry-title", "short-title", "wrapped-item"],
)
def test_a_marked_line_joins_the_next_only_when_it_wrapped(first, second, joined):
    # Issue #12: limecv's timeline dots made title, company and dates one bullet.
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 20, True),
                Text(40, 760, "Experience", 13, True),
                Text(40, 740, first),
                Text(46.3, 727, second),  # Helvetica "\u2022 " is 6.28 pt wide
                Text(46.3, 700, "Audited the books of nine regional offices every quarter"),
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    item = "- " + first.removeprefix("\u2022 ")
    if joined:
        assert f"{item} {second}" in lines
    else:
        assert lines[lines.index(item) + 1] == second


def test_columns_between_full_width_banners_are_read_band_by_band():
    # Issue #12: a title bar across the page between a two-column header and a
    # two-column body hid both column layouts; the body was read line by line across.
    left_body = ["Education", "BSc Mathematics", "State University", "2010 - 2014", "Languages"]
    right_body = ["Experience", "Teacher", "Lincoln High School", "2015 - 2020", "Tutor"]
    texts = [
        Text(40, 800, "Jane Doe", 20, True),
        Text(40, 780, "12 Main Street"),
        Text(40, 766, "Springfield"),
        Text(350, 798, "jane@example.com"),
        Text(350, 785, "+1 555 0100"),
        Text(350, 772, "Available from May"),
        Text(40, 730, "Senior Mathematics Teacher and Curriculum Designer", 16),
        *(Text(40, 690 - 14 * i, line) for i, line in enumerate(left_body)),
        *(Text(320, 683 - 22 * i, line) for i, line in enumerate(right_body)),
    ]
    lines = [
        line for line in extract_markdown(build_pdf([texts]), "pdf").markdown.splitlines() if line
    ]
    for block in (left_body[1:4], right_body[1:], ["jane@example.com", "+1 555 0100"]):
        start = lines.index(block[0])
        assert lines[start : start + len(block)] == block
    assert lines.index("12 Main Street") < lines.index(
        "Senior Mathematics Teacher and Curriculum Designer"
    )
    assert lines.index("Senior Mathematics Teacher and Curriculum Designer") < lines.index(
        "Teacher"
    )


def test_a_table_with_place_and_dates_beside_each_row_is_read_row_by_row():
    # Two lines of cells beside every entry (place, then dates) look dense like a column.
    texts = [
        Text(40, 800, "Jane Doe", 20, True),
        Text(40, 760, "Experience and training in short", 13, True),
    ]
    for i, (title, place, dates) in enumerate(
        [
            ("Analyst, Acme", "Springfield", "2019 - 2021"),
            ("Clerk, Initech", "Riverside", "2017 - 2019"),
        ]
    ):
        y = 730 - 60 * i
        texts += [Text(40, y, title, 11, True), Text(400, y, place)]
        texts += [Text(40, y - 14, "- Reviewed the ledgers"), Text(400, y - 14, dates)]
        texts += [Text(40, y - 28, "- Filed the reports")]
    lines = extract_markdown(build_pdf([texts]), "pdf").markdown.splitlines()
    assert "Analyst, Acme | Springfield" in lines
    assert "- Reviewed the ledgers | 2019 - 2021" in lines


def test_a_section_title_after_an_ornament_is_a_heading_when_set_larger():
    # Issue #12: pas-cv draws a dingbat before each section title; they read as bullets.
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 20, True),
                Text(40, 760, "\u2022 Experience", 14),
                Text(40, 740, "Analyst at Acme, 2019 - 2021"),
                Text(40, 726, "\u2022 Led audits of 14 clients"),
                Text(40, 712, "\u2022 Education"),  # body size: a list item that says "Education"
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    assert "## Experience" in lines
    assert "- Led audits of 14 clients" in lines
    assert "- Education" in lines


def test_ornament_led_titles_in_a_look_only_titles_have_are_headings():
    # Body size and weight, but set in capitals that no other line uses.
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 20, True),
                Text(40, 760, "\u2022 EXPERIENCE"),
                Text(40, 740, "Analyst at Acme, 2019 - 2021"),
                Text(40, 726, "\u2022 Led audits of 14 clients"),
                Text(40, 700, "\u2022 EDUCATION"),
                Text(40, 680, "BSc Economics, State University"),
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    assert {"## EXPERIENCE", "## EDUCATION", "- Led audits of 14 clients"} <= set(lines)


@pytest.mark.parametrize(
    ("fontname", "bold"),
    [
        ("ABCDEF+CMSSDC10", True),  # sans demibold condensed
        ("CMBX12", True),
        ("CMSSBX10", True),
        ("SFBX1200", True),
        ("CMB10", True),
        ("Helvetica-Bold", True),
        ("NotoSans-DemiBold", True),
        ("CMR10", False),
        ("CMSSI10", False),
        ("CMTT9", False),
        ("CMBSY10", False),  # bold math symbols, not a bold text face
        ("SFRM1000", False),
        ("Cambria", False),
    ],
)
def test_font_weight_is_read_from_tex_and_common_font_names(fontname, bold):
    # Issue #12: TeX names weights by code (bx, dc, b); simplecv's headings were not bold.
    assert _is_bold(fontname) is bold


def test_bullet_continues_onto_the_next_page_in_a_built_pdf():
    first = _page(Text(40, 800, "Jane Doe", 20, True), Text(40, 90, "\u2022 Led the migration of"))
    # Helvetica: "\u2022 " is 6.28 pt wide, so the wrapped words start at x = 46.3.
    second = _page(
        Text(46.3, 800, "billing to a new ledger"), Text(40, 780, "\u2022 Hired 4 engineers")
    )
    lines = extract_markdown(build_pdf([first, second]), "pdf").markdown.splitlines()
    assert "- Led the migration of billing to a new ledger" in lines
    assert "- Hired 4 engineers" in lines


def test_page_numbers_are_dropped():
    pages = [
        _page(Text(40, 800, "Jane Doe", 20, True), Text(290, 30, "1 / 2")),
        _page(Text(40, 800, "Referees on request"), Text(290, 30, "2 / 2")),
    ]
    markdown = extract_markdown(build_pdf(pages), "pdf").markdown
    assert "1 / 2" not in markdown and "Referees on request" in markdown


def test_libreoffice_layout_table_is_read_as_two_columns():
    # Word paragraphs carry space after them, so each is its own block here.
    lines = [line for line in markdown_of("olga_petrova_civil_engineer.pdf") if line]
    contact = lines.index("olga.petrova@example.com")
    assert lines[contact : contact + 2] == ["olga.petrova@example.com", "+359 88 123 4567"]
    assert contact < lines.index("## Summary")
    assert "Senior Structural Engineer | 2020 – Present" in lines
    assert "- Designed 6 highway overpasses with spans up to 48 m" in lines


def test_name_beside_contact_details_is_the_title_alone():
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 22, True),
                Text(400, 802, "jane@example.com"),
                Text(40, 760, "Experience", 13, True),
                Text(40, 740, "Analyst at Acme"),
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    assert lines[0] == "# Jane Doe"
    assert "jane@example.com" in lines


def test_a_section_title_set_larger_than_the_name_is_not_the_title():
    # Issue #12: harnon-cv sets its headings above the name's size; "Experience" became
    # the document title and the name a plain line.
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 16),
                Text(40, 780, "jane@example.com"),
                Text(40, 740, "Experience", 20),
                Text(40, 716, "Analyst at Acme, 2019 - 2021"),
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    assert lines[0] == "# Jane Doe"
    assert "## Experience" in lines


def test_running_headers_and_footers_are_kept_once():
    pages = [
        _page(
            Text(40, 800, "Jane Doe", 22, True),
            Text(40, 770, "Analyst at Acme"),
            Text(40, 30, "Jane Doe - Resume - 2024"),
        ),
        _page(
            Text(40, 800, "Jane Doe", 22, True),
            Text(40, 770, "Referees on request"),
            Text(40, 30, "Jane Doe - Resume - 2024"),
        ),
    ]
    lines = extract_markdown(build_pdf(pages), "pdf").markdown.splitlines()
    assert lines.count("# Jane Doe") == 1 and "Jane Doe" not in lines
    assert lines.count("Jane Doe - Resume - 2024") == 1
    assert "Referees on request" in lines


def test_numbered_running_footers_are_dropped():
    # Issue #12: a numbered footer is page furniture; kept on page 1 it split entries.
    pages = [
        _page(Text(40, 800, "Jane Doe", 22, True), Text(40, 30, "Jane Doe, page 1 of 2")),
        _page(Text(40, 800, "Referees on request"), Text(40, 30, "Jane Doe, page 2 of 2")),
    ]
    lines = extract_markdown(build_pdf(pages), "pdf").markdown.splitlines()
    assert not [line for line in lines if "page" in line]
    assert "Referees on request" in lines


def test_text_drawn_inside_a_form_xobject_is_read_in_place():
    # Issue #12: Chromium draws some runs (a job's dates, a contact block) inside Form
    # XObjects; pdfminer leaves their glyphs loose unless asked to lay figures out too.
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 20, True),
                Text(40, 760, "Experience", 13, True),
                Text(40, 740, "March 2019 - June 2021", in_form=True),
                Text(40, 725, "Site Engineer", 11, True),
                Text(40, 710, "Planned the pours of three bridges"),
                Text(40, 680, "jane.doe@example.org", in_form=True),
            )
        ]
    )
    lines = [line for line in extract_markdown(pdf, "pdf").markdown.splitlines() if line]
    start = lines.index("## Experience")
    assert lines[start + 1 : start + 3] == ["March 2019 - June 2021", "Site Engineer"]
    assert lines[-1] == "jane.doe@example.org"


def test_a_bold_line_smaller_than_the_section_titles_is_not_a_heading():
    # Issue #12: with section titles set large (17 pt over 11 pt text), a 13.5 pt bold job
    # title and a bold body-size "Highlights" belong to the entry, not to a new section.
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 24, True),
                Text(40, 760, "EXPERIENCE", 17, True),
                Text(40, 735, "Site Engineer", 13.5, True),
                Text(40, 718, "Planned the pours of three bridges.", 11),
                Text(40, 700, "Highlights", 11, True),
                Text(60, 684, "Opened two bridges early", 11),
                Text(40, 650, "EDUCATION", 17, True),
                Text(40, 625, "City Polytechnic", 13.5, True),
                Text(40, 600, "SKILLS", 17, True),
                Text(40, 580, "Surveying, drafting and site safety", 11),
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    assert [line for line in lines if line.startswith("## ")] == [
        "## EXPERIENCE",
        "## EDUCATION",
        "## SKILLS",
    ]
    assert "Site Engineer" in lines and "Highlights" in lines


def test_section_titles_in_a_margin_beside_their_first_line_are_headings():
    # Issue #12: a theme sets each section title large in a left margin, on the baseline of
    # the section's first line; "Work" is known by sharing the look of "Education".
    # Each title ends at x 146.7 (right-aligned); its first line starts a word space later.
    pdf = build_pdf(
        [
            _page(
                Text(152, 800, "Jane Doe", 26, True),
                Text(100, 740, "Work", 20),
                Text(152, 740, "Site Engineer", 14, True),
                Text(152, 722, "March 2016 - May 2019"),
                Text(152, 706, "Planned the pours of three bridges."),
                Text(57.8, 670, "Education", 20),
                Text(152, 670, "City Polytechnic", 14, True),
                Text(152, 652, "Diploma in Civil Engineering"),
                Text(100, 610, "Skills", 20),
                Text(152, 610, "Surveying", 14, True),
            )
        ]
    )
    markdown = extract_markdown(pdf, "pdf").markdown
    lines = [line for line in markdown.splitlines() if line]
    assert lines[1:4] == ["## Work", "Site Engineer", "March 2016 - May 2019"]
    assert "## Education" in lines and "City Polytechnic" in lines
    assert lines[-2:] == ["## Skills", "Surveying"]
    (job,) = parse_resume(markdown).data.workExperience
    assert (job.title, job.years) == ("Site Engineer", "March 2016 - May 2019")


def test_an_email_broken_by_a_narrow_column_is_read_whole():
    # Issue #12: a sidebar too narrow for the address breaks it mid-word ("…@mail.c" /
    # "om"); the rest joins without a space, where the line was full.
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 22, True),
                Text(40, 760, "12 Harbour Road, Springfield"),
                Text(40, 748, "jane.doe@examplemail.c"),
                Text(40, 736, "om"),
                Text(40, 724, "+1 555 0100"),
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    assert "jane.doe@examplemail.com" in lines
    assert "+1 555 0100" in lines  # a short line after a full one is not joined


@pytest.mark.parametrize(
    ("word", "unfinished"),
    [("jane@mail.c", True), ("jane@ma", True), ("jane@mail.", True), ("jane@mail.com", False)],
)
def test_only_an_email_cut_before_its_domain_ends_waits_for_its_rest(word, unfinished):
    # A whole address on a full line keeps the next line ("www.…", a phone) apart.
    assert _unfinished_address(word) is unfinished


def test_a_drawn_disc_two_ems_left_of_its_text_is_its_bullet():
    # Issue #12: a theme hangs its list discs (drawn as shapes) about two ems left of the
    # item text; they still mark the items, which stay apart from the entry's title.
    pdf = build_pdf(
        [
            _page(
                Text(40, 800, "Jane Doe", 22, True),
                Text(40, 760, "Experience", 14, True),
                Text(40, 740, "Site Engineer", 12, True),
                Text(62, 722, "Opened two bridges", 11, disc_at=40),
                Text(62, 704, "Cut pour times by a third", 11, disc_at=40),
            )
        ]
    )
    lines = extract_markdown(pdf, "pdf").markdown.splitlines()
    assert lines[-2:] == ["- Opened two bridges", "- Cut pour times by a third"]
