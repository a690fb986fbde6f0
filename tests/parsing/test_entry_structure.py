"""Entry structure on layouts real resumes use (issue #12): header splits, entry boundaries,
and the occupation / employer / degree knowledge that tells the pieces apart."""

import pytest
from tests.parsing.entry_helpers import grouped_entries, job_fields

from refleum.analysis.grounding import ungrounded_values
from refleum.parsing.education import read_education
from refleum.parsing.entry_lexicon import leading_degree, looks_like_employer, title_score
from refleum.parsing.local_parser import parse_resume
from refleum.parsing.records import read_experience


@pytest.mark.parametrize(
    "markdown, expected",
    [
        # Occupation words in other languages put the title first whichever side it is on.
        (
            "Pagamentos Exemplo S.A. | Engenheira de Dados\nSão Paulo, SP | 2021 – 2023\n- x",
            ("Engenheira de Dados", "Pagamentos Exemplo S.A.", "São Paulo, SP", "2021 – 2023"),
        ),
        (
            "Musterfirma GmbH — Senior Softwareentwicklerin | 2019 – 2021\n- x",
            ("Senior Softwareentwicklerin", "Musterfirma GmbH", "", "2019 – 2021"),
        ),
        (
            "Groupe Exemple SAS, Ingénieur logiciel | 2018 – 2020\n- x",
            ("Ingénieur logiciel", "Groupe Exemple SAS", "", "2018 – 2020"),
        ),
        # Unspaced em dashes between company, title and city.
        (
            "Northwind Ltd—Data Analyst—Leeds | 2015 – 2017\n- x",
            ("Data Analyst", "Northwind Ltd", "Leeds", "2015 – 2017"),
        ),
        # A company line a template marked with a bullet is a header, not a bullet.
        (
            "• Initrode BV | Rotterdam, Netherlands\nQA Engineer | 2012 – 2014\n- Wrote tests",
            ("QA Engineer", "Initrode BV", "Rotterdam, Netherlands", "2012 – 2014"),
        ),
        (
            "• Acme Corp | Berlin\nSenior Engineer\n2019 – 2021\n- x",
            ("Senior Engineer", "Acme Corp", "Berlin", "2019 – 2021"),
        ),
        # 'at' in other languages; a place first; a place on the company's line.
        (
            "Ingénieur logiciel chez Acme SAS | 2019 – 2021\n- x",
            ("Ingénieur logiciel", "Acme SAS", "", "2019 – 2021"),
        ),
        (
            "Softwareentwickler bei Muster AG, München | 2019 – 2021\n- x",
            ("Softwareentwickler", "Muster AG", "München", "2019 – 2021"),
        ),
        (
            "Berlin | Software Engineer | Acme GmbH | 2020\n- x",
            ("Software Engineer", "Acme GmbH", "Berlin", "2020"),
        ),
        (
            "Acme Corp, Berlin\nSenior Engineer, 2019 – 2021\n- x",
            ("Senior Engineer", "Acme Corp", "Berlin", "2019 – 2021"),
        ),
    ],
)
def test_job_headers_told_apart_by_knowledge(markdown, expected):
    assert job_fields(markdown) == expected


def test_at_splits_only_after_a_title_or_degree():
    assert job_fields("Data Analyst at Initech | 2014 - 2016\n- x")[:2] == (
        "Data Analyst",
        "Initech",
    )
    (entry,) = grouped_entries("BBA, University of Texas at Austin | 2010 – 2014")
    school = read_education(entry, 1)
    assert (school.degree, school.institution) == ("BBA", "University of Texas at Austin")


def test_degree_abbreviation_run_into_the_school_name():
    (entry,) = grouped_entries("PhD Stanford University, Computer Science | Stanford, CA, USA\n- x")
    school = read_education(entry, 1)
    assert (school.degree, school.institution) == ("PhD", "Stanford University")
    assert leading_degree("Bachelor of Science") == ""


def test_dates_printed_at_the_end_of_the_first_bullet_are_the_entrys_dates():
    (entry,) = grouped_entries(
        "Acme, Intern | Livingston, LA, USA\n- Built models | June 2024 – Sept 2024"
    )
    job = read_experience(entry, 1)
    assert job.years == "June 2024 – Sept 2024"
    assert job.description == ["Built models"]


def test_description_paragraph_and_wrapped_bullets_do_not_become_jobs():
    markdown = (
        "## Experience\n\n"
        "CEO/President, Pied Data\n\nDec, 2013 - Dec, 2014\n\n"
        "Pied Data is a multi-platform technology based on a proprietary universal\n"
        "compression algorithm that has consistently fielded high scores that are\n"
        "not merely competitive.\n\n"
        "- Built an algorithm for artists to detect whether their music was\n"
        "violating copyright law\n"
        "- Won a startup contest\n\n"
        "2009 | Office Manager, Acme Inc.\n"
        "- Ran the office\n"
        "L\n"
        "- Hired staff\n"
    )
    result = parse_resume(markdown)
    jobs = result.data.workExperience
    assert [(job.title, job.years) for job in jobs] == [
        ("CEO/President", "Dec, 2013 - Dec, 2014"),
        ("Office Manager", "2009"),
    ]
    assert jobs[0].description[1] == (
        "Built an algorithm for artists to detect whether their music was violating copyright law"
    )
    assert ungrounded_values(result.data, markdown) == []


def test_lexicon_words_compare_without_case_or_accents():
    assert title_score("INGÉNIEURE d'études") > 0
    assert title_score("Projektleiter") > 0
    assert looks_like_employer("Varejo Exemplo Ltda.")
    assert not looks_like_employer("Co-Founder")


def test_a_template_exported_as_a_list_still_has_entry_headers():
    """HTML-to-DOCX exports mark every line with a bullet: the opening short line that names
    a job (or a degree) and the date under it are the header, the rest the description."""
    markdown = (
        "## Work Experience\n\n"
        "- CEO/President,\n- Dec 2013 - Dec 2014\n"
        "- Pied Data is a multi-platform technology based on a universal algorithm.\n"
        "- Won a startup contest\n\n"
        "## Education\n\n"
        "- Information Technology, Bachelor, University of Oklahoma\n- Jun 2011 - Jan 2014\n"
    )
    data = parse_resume(markdown).data
    assert [(j.title, j.years) for j in data.workExperience] == [
        ("CEO/President", "Dec 2013 - Dec 2014")
    ]
    assert data.workExperience[0].description[-1] == "Won a startup contest"
    assert [(e.degree, e.institution, e.years) for e in data.education] == [
        ("Information Technology, Bachelor", "University of Oklahoma", "Jun 2011 - Jan 2014")
    ]


def test_a_header_line_ending_on_a_joining_word_continues_on_the_next_line():
    job = job_fields(
        "2000 - 2004 Teacher of Mathematics\nCity Council, Private schools North &\n"
        "SOUTH ACADEMY\n- x"
    )
    assert job[:2] == (
        "Teacher of Mathematics",
        "City Council, Private schools North & SOUTH ACADEMY",
    )


def test_undated_projects_with_their_own_bullets_stay_apart():
    data = parse_resume(
        "## Projects\n\nRefleum\n- Built the parser\n\nOrbit Tracker\n- Drew the orbits\n"
    ).data
    assert [p.name for p in data.personalProjects] == ["Refleum", "Orbit Tracker"]


RUN_IN = [
    # A whole entry set as one paragraph: title, employer and place run into the date.
    (
        "- Student Job Example Company, Some City. Summer 2010 Helped with the inventory.\n\n"
        "- Internship Sample Corp, Other Town. June 2012 – August 2012 Wrote tests for it.",
        [
            ("Student Job", "Example Company", "Some City.", "Summer 2010"),
            ("Internship", "Sample Corp", "Other Town.", "June 2012 – August 2012"),
        ],
    ),
    (
        "- Software Engineer Widget Labs, Springfield. 2019 – 2021 Built the billing service.",
        [("Software Engineer", "Widget Labs", "Springfield.", "2019 – 2021")],
    ),
]


@pytest.mark.parametrize("markdown, expected", RUN_IN)
def test_run_in_paragraph_entries_are_cut_at_their_date(markdown, expected):
    jobs = [read_experience(entry, 1) for entry in grouped_entries(markdown)]
    assert [(j.title, j.company, j.location, j.years) for j in jobs] == expected
    assert all(job.description for job in jobs)


@pytest.mark.parametrize(
    "markdown",
    [
        # A list item that ends on its date has no description: a publication, not an entry.
        "- A Paper About Things, Some Journal, 2016\n- Another paper, 2017",
        # A dated sentence under an entry's header is its description.
        "Engineer | Acme Corp | 2019 – 2021\n- Led the move, 2020 Cut costs by half.",
    ],
)
def test_dated_list_items_are_not_run_in_entries(markdown):
    entries = grouped_entries(markdown)
    assert not any(entry.run_in for entry in entries)


@pytest.mark.parametrize(
    "markdown, expected",
    [
        # A clause after a comma that starts in lower case is not an employer.
        (
            "2001–2005 Taught evening classes for adults, and then for children.\n",
            ("Taught evening classes for adults, and then for children.", "", "", "2001–2005"),
        ),
        # A capitalised part after the comma still is.
        (
            "2001–2005 | Teacher, Example School\n",
            ("Teacher", "Example School", "", "2001–2005"),
        ),
    ],
)
def test_lower_case_clause_after_a_comma_stays_with_the_title(markdown, expected):
    assert job_fields(markdown) == expected


@pytest.mark.parametrize(
    "markdown, expected",
    [
        # The first line names title and employer: a sentence begun under it describes.
        (
            "1990-1995 | Town councilor, Town Hall\nParis, France\n"
            "Championed several improvements and served for\n> Opened the museum\n",
            ("Town councilor", "Town Hall", "Paris, France", "1990-1995"),
        ),
        # A short capitalised line under it is still the place.
        (
            "Teacher | Example School\nLagos, Sep 2017 – Present\n- Taught\n",
            ("Teacher", "Example School", "Lagos", "Sep 2017 – Present"),
        ),
    ],
)
def test_lines_under_a_named_job_describe_it(markdown, expected):
    assert job_fields(markdown) == expected


def test_stray_letters_between_bullets_do_not_open_entries():
    # Letters a sidebar or drop caps spread between the lines belong to no header.
    markdown = (
        "1990 - 1995 | Writer, Example Press\n- Wrote a novel\nA\n"
        "J | > Wrote another novel\nV E | > And a third\n\n"
        "1996 - 1999 | Editor, Sample House\n- Edited\n"
    )
    entries = grouped_entries(markdown)
    assert [entry.header[0] for entry in entries] == [
        "1990 - 1995 | Writer, Example Press",
        "1996 - 1999 | Editor, Sample House",
    ]


def test_dates_set_above_their_entry_open_it_across_a_gap():
    # Issue #12: HTML themes print an entry's dates first, then (a gap, then) its title;
    # a range may be stacked, its start over its end. No entry is a date alone.
    markdown = (
        "March 2016 – May 2019\n\nSite Engineer\nPlanned the pours of three bridges.\n\n"
        "2011\n2014\n\nCity Polytechnic\nDiploma\n"
    )
    entries = grouped_entries(markdown)
    assert [entry.header for entry in entries] == [
        ["March 2016 – May 2019", "Site Engineer"],
        ["2011", "2014", "City Polytechnic", "Diploma"],
    ]
    school = read_education(entries[1], 1)
    assert (school.institution, school.degree, school.years) == (
        "City Polytechnic",
        "Diploma",
        "2011",
    )


def test_an_employers_web_address_under_its_line_stays_in_the_entry():
    # Issue #12: a theme prints the employer's site between the employer line and the
    # title, set apart by a gap; the address opens no entry and names no place.
    markdown = (
        "Harbour Works | 2016-03-01 — 2019-05-01\n\nhttps://harbour-works.example.com\n"
        "Site Engineer\n\nPlanned the pours of three bridges.\n"
    )
    (entry,) = grouped_entries(markdown)
    job = read_experience(entry, 1)
    assert (job.title, job.company, job.location) == ("Site Engineer", "Harbour Works", "")
    assert job.description[0] == "https://harbour-works.example.com"


def test_a_bullet_opening_a_block_above_a_dated_line_is_the_entrys_title():
    """LaTeX classes that mark each entry's first line with a glyph: '- Internship' over
    'Employer, Place. Dates' is the next entry's title, not the last bullet of the one above."""
    markdown = (
        "## Experience\n\n"
        "- Student Job\n"
        "Northwind Traders, Riverton. Summer 2010\n"
        "Stacked shelves and served customers at the till every weekend.\n\n"
        "- Internship\n"
        "Globex Labs, Lakeside. June 2012 – August 2012\n"
        "Measured the samples and wrote the weekly lab report for the team.\n"
    )
    jobs = parse_resume(markdown).data.workExperience
    assert [(j.title, j.company, j.years) for j in jobs] == [
        ("Student Job", "Northwind Traders", "Summer 2010"),
        ("Internship", "Globex Labs", "June 2012 – August 2012"),
    ]


def test_a_long_title_under_a_margin_date_names_the_entry():
    """'2003 - 2006' alone, then a title with many lower-case words: the line under a
    date-only header names the entry, it does not describe it."""
    markdown = (
        "## Experience\n\n2003 - 2006\n"
        "Teacher of mathematics on a yearly contract and then permanent, City Council\n\n"
        "2000 - 2003\nSupply teacher of mathematics, City Council\n"
    )
    jobs = parse_resume(markdown).data.workExperience
    assert [(j.title, j.company, j.years) for j in jobs] == [
        (
            "Teacher of mathematics on a yearly contract and then permanent",
            "City Council",
            "2003 - 2006",
        ),
        ("Supply teacher of mathematics", "City Council", "2000 - 2003"),
    ]


def test_a_name_wrapped_onto_a_line_that_starts_in_lower_case_is_one_name():
    job = job_fields(
        "2000 - 2004\nTeacher of Mathematics, City Council, Private schools outside the\n"
        "contract NORTH & SOUTH ACADEMY\n- Taught the final-year classes\n"
    )
    assert job[:2] == (
        "Teacher of Mathematics",
        "City Council, Private schools outside the contract NORTH & SOUTH ACADEMY",
    )


def test_a_link_in_parentheses_after_a_name_is_not_part_of_it():
    assert job_fields(
        "Data Analyst, Northwind (http://northwind.example)\nMarch 2016 — April 2017\n- x"
    ) == ("Data Analyst", "Northwind", "", "March 2016 — April 2017")
