from hypothesis import given, settings
from hypothesis import strategies as st

from refleum.analysis.grounding import ungrounded_values
from refleum.parsing.local_parser import UNGROUNDED_WARNING, parse_resume

RESUME = """\
# Jane Doe
Senior Software Engineer
jane.doe@example.com | (555) 123-4567 | Seattle, WA | linkedin.com/in/janedoe

## Summary
Backend engineer with 8 years of experience building distributed systems
and data pipelines at scale.

## Experience
Senior Software Engineer, Acme Corp | Jan 2020 – Present
- Led migration of 40 services to Kubernetes, cutting costs 30%

Globex Inc.
Software Engineer | 2016–2019
- Wrote things

## Education
BSc Physics, University of Leeds | 2012 – 2015

## Skills
Languages: Python, Go
Tools: Docker

## Certifications
- AWS Certified Solutions Architect – Associate (2021)

## Awards
Dean's List 2014

## Languages
English (native), Spanish

## Volunteering
Mentor — Code Club | Summer 2019
- Taught kids

## Interests
Chess, hiking

## Experience
Barista — Bean Co | 2012 – 2014
- Coffee
"""


def test_a_whole_resume():
    result = parse_resume(RESUME)
    data = result.data
    assert data.personalInfo.name == "Jane Doe"
    assert data.personalInfo.title == "Senior Software Engineer"
    assert data.summary.startswith("Backend engineer") and data.summary.endswith("at scale.")
    assert [(j.id, j.title, j.company) for j in data.workExperience] == [
        (1, "Senior Software Engineer", "Acme Corp"),
        (2, "Software Engineer", "Globex Inc."),
        (3, "Barista", "Bean Co"),
    ]
    assert [(e.id, e.degree, e.institution) for e in data.education] == [
        (1, "BSc Physics", "University of Leeds")
    ]
    assert data.additional.technicalSkills == ["Python", "Go", "Docker"]
    assert data.additional.certificationsTraining == [
        "AWS Certified Solutions Architect – Associate (2021)"
    ]
    assert data.additional.awards == ["Dean's List 2014"]
    assert data.additional.languages == ["English (native)", "Spanish"]
    assert list(data.customSections) == ["volunteering", "interests"]
    assert data.customSections["volunteering"].items[0].id == 1
    assert result.warnings == []
    assert ungrounded_values(data, RESUME) == []


def test_skills_and_contact_in_a_sidebar_before_the_name():
    markdown = (
        "## Contact\njane@x.org\n+44 7700 900123\nLeeds, United Kingdom\n\n"
        "## Skills\nIFRS, Excel\n\n## Education\nBSc Accounting, University of Leeds\n"
        "2013–2016\n\nChartered Accountant\n\n# Zoë Martin\n\n## Experience\n"
        "Senior Auditor — Grant & Hollis LLP\nLeeds, 2019–2024\n- Led audits\n"
    )
    data = parse_resume(markdown).data
    info = data.personalInfo
    assert (info.name, info.title, info.email, info.location) == (
        "Zoë Martin",
        "Chartered Accountant",
        "jane@x.org",
        "Leeds, United Kingdom",
    )
    assert len(data.education) == 1
    assert data.workExperience[0].company == "Grant & Hollis LLP"
    assert ungrounded_values(data, markdown) == []


def test_duplicate_custom_titles_get_distinct_keys():
    data = parse_resume("# A B\n## Talks\n- One\n## TALKS\n- Two\n").data
    assert list(data.customSections) == ["talks", "talks_2"]


def test_empty_or_unstructured_text_parses_with_warnings_and_no_invention():
    result = parse_resume("")
    assert result.data.personalInfo.name == ""
    assert "no name found at the top of the document" in result.warnings
    assert "no section headings found" in result.warnings


def test_parse_is_deterministic():
    assert parse_resume(RESUME) == parse_resume(RESUME)


_FRAGMENTS = [
    "# Jane Doe",
    "## Experience",
    "## Education",
    "## Skills",
    "## Projects",
    "## Talks",
    "SUMMARY",
    "Work History",
    "Engineer — Acme",
    "Acme / Engineer",
    "Dev at Initech",
    "Seattle, WA, Jan 2020 – Present",
    "2019–2021",
    "| 03/2018 - 05/2020",
    "Summer 2019",
    "- Built APIs, cut cost 30%",
    "Python, Go; SQL | Rust",
    "Cloud: AWS, GCP (EKS)",
    "jane@x.org · +1 415 555 0199",
    "github.com/jane",
    "",
    "BSc, University of X",
    "Volunteer counsel since 2012.",
    "• Led a team",
    "PRO BONO",
    "x",
    "Ünïcødé — Straße",
    "Tool (github.com/jane/tool) — Author",
    "Phone: (555) 123-4567 Seattle, WA",
    "Juris Doctor, cum laude, Law School",
    "Haas",
    "Chartered Accountant",
    "## Contact",
    "## Certifications",
    "ACA, ICAEW, 2006",
    "## Languages",
    "O’Brien & Co.",
    "·",
    "Mar 2017 - Dec 2019 (2 years 10 months)",
    "Curriculum Vitae",
    "— Arup, London",
    "2009 –",
    "C#, F# (.NET)",
    "## Publications",
    '"Paper", Venue 2021',
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=3), max_size=25))
def test_any_input_parses_to_grounded_values_only(rows):
    markdown = "\n".join(" ".join(row) for row in rows)
    result = parse_resume(markdown)
    assert ungrounded_values(result.data, markdown) == []
    # The heuristics themselves kept to the source: the last-resort filter did nothing.
    assert not any(w.startswith(UNGROUNDED_WARNING) for w in result.warnings)


_ALPHABET = "aAbZé19 0\n\n-–—|,;·•#:()/@.'&"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_any_characters_parse_to_grounded_values_only(markdown):
    result = parse_resume(markdown)
    assert ungrounded_values(result.data, markdown) == []
    assert not any(w.startswith(UNGROUNDED_WARNING) for w in result.warnings)


def test_a_value_cut_through_a_word_is_dropped_with_a_warning(monkeypatch):
    from refleum.parsing import local_parser

    read_experience = local_parser.read_experience

    def cut_through_a_word(section, entry_id):
        record = read_experience(section, entry_id)
        record.company = "nths)"  # as a bad slice of "months)" would be
        record.description.append("ngineer")
        return record

    monkeypatch.setattr(local_parser, "read_experience", cut_through_a_word)
    markdown = "## Experience\nEngineer — Acme | 2019 – 2020 (10 months)\n- Built it\n"
    result = local_parser.parse_resume(markdown)
    job = result.data.workExperience[0]
    assert (job.title, job.company, job.description) == ("Engineer", "", ["Built it"])
    assert (
        f"{UNGROUNDED_WARNING}: ['workExperience[0].company', 'workExperience[0].description[1]']"
    ) in result.warnings


_TOKENS = [
    "Engineer",
    "Acme",
    "Inc.",
    "2019",
    "Present",
    "Jan",
    "–",
    "—",
    "-",
    "|",
    ",",
    "·",
    "#",
    "##",
    "Experience",
    "Skills",
    "Education",
    "University",
    "BSc",
    "(",
    ")",
    "Seattle",
    "WA",
    "github.com/x",
    "a@b.co",
    "+1 415 555 0199",
    "months",
    "2",
    "years",
    "Summer",
    "at",
    "/",
    ":",
    "Python",
    "Go",
    "•",
    "Remote",
    "Curriculum",
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_TOKENS), st.sampled_from([" ", "\n", "\n\n", ""])), max_size=60
    )
)
def test_tokens_glued_or_spread_parse_to_grounded_values_only(pairs):
    markdown = "".join(token + separator for token, separator in pairs)
    result = parse_resume(markdown)
    assert ungrounded_values(result.data, markdown) == []
    assert not any(w.startswith(UNGROUNDED_WARNING) for w in result.warnings)


def test_contact_block_pulled_into_the_first_section_is_not_a_job():
    # A title set as the first heading ('# Experience') pulls the contact block under it.
    markdown = (
        "# Experience\n\nSome Person | 1 Example Road\nhttps://example.org\n"
        "555 123 4567 | AB1 2CD\n\n"
        "2009 | Office Manager, Example Inc.\n- Ran the office\n\n"
        "2007 | Clerk, Sample Ltd\n- Filed things\n"
    )
    data = parse_resume(markdown).data
    assert [(job.title, job.company, job.years) for job in data.workExperience] == [
        ("Office Manager", "Example Inc.", "2009"),
        ("Clerk", "Sample Ltd", "2007"),
    ]
    assert data.personalInfo.website == "https://example.org"


def test_contact_lines_in_a_sidebar_block_above_the_entries_are_read():
    data = parse_resume(
        "# Jane Doe\n\n## About\n\nI build data systems.\n\n## Elsewhere\n\n12 Main St\n"
        "jane@x.org\n(555) 123-4567\n\n## Experience\n\nEngineer, Acme | 2019 - 2021\n\n"
        "## References\n\nJohn Roe\njohn@roe.org\n"
    ).data
    assert (data.personalInfo.email, data.personalInfo.phone) == ("jane@x.org", "(555) 123-4567")
    assert data.summary == "I build data systems."


def test_contact_lines_of_references_below_the_entries_are_not_the_persons():
    data = parse_resume(
        "# Jane Doe\n\n## Experience\n\nEngineer, Acme | 2019 - 2021\n\n"
        "## References\n\nJohn Roe\njohn@roe.org\n"
    ).data
    assert data.personalInfo.email == ""


def test_skills_set_as_sub_headings_under_a_leveled_group_are_skills():
    markdown = (
        "# Jane Doe\n\n## Data Engineering\n\n### Advanced\n### Spark\n### Kafka\n\n"
        "## Experience\n\nData Engineer, Northwind Traders | 2019 - 2021\n"
    )
    skills = parse_resume(markdown).data.additional.technicalSkills
    assert "Spark" in skills and "Kafka" in skills and "Advanced" not in skills


def test_a_section_word_as_a_sub_heading_in_an_entry_is_no_degree():
    markdown = (
        "# Jane Doe\n\n## Education\n\nLakeside College 2011-06-01 — 2014-01-01\n"
        "### Courses\n- PH101 - Mechanics\n"
    )
    education = parse_resume(markdown).data.education
    assert [(item.institution, item.degree) for item in education] == [("Lakeside College", "")]


def test_a_grade_after_a_degrees_bullets_stays_with_it():
    markdown = (
        "# Jane Doe\n\n## Education\n\nJun 2011 - Jan 2014\nBSc Physics\nLakeside College\n"
        "- PH101 - Mechanics\nGrade: 3.8\nJun 2014 - Jan 2016\nMSc Optics\nRiverside University\n"
    )
    education = parse_resume(markdown).data.education
    assert [(item.degree, item.institution) for item in education] == [
        ("BSc Physics", "Lakeside College"),
        ("MSc Optics", "Riverside University"),
    ]


def test_a_bare_grade_under_a_school_is_no_degree():
    markdown = "# Jane Doe\n\n## Education\n\nLakeside College\n06/2011 - 01/2014\n4.0\n"
    education = parse_resume(markdown).data.education
    assert [(item.institution, item.degree) for item in education] == [("Lakeside College", "")]


def test_entries_that_open_with_their_date_take_no_line_from_the_entry_above():
    markdown = (
        "# Jane Doe\n\n## Experience\n\nMar 2019 - May 2021\nData Analyst\n"
        "Jun 2016 - Feb 2019\nReport Writer\n"
    )
    jobs = parse_resume(markdown).data.workExperience
    assert [(job.title, job.years) for job in jobs] == [
        ("Data Analyst", "Mar 2019 - May 2021"),
        ("Report Writer", "Jun 2016 - Feb 2019"),
    ]


def test_a_date_line_takes_as_many_lines_above_it_as_the_first_entry_had():
    markdown = (
        "# Jane Doe\n\n## Education\n\nLakeside College\nBSc in Physics\nSep 2011 - Jun 2014\n"
        "Riverside University\nMSc in Optics\nSep 2014 - Jun 2016\n"
    )
    education = parse_resume(markdown).data.education
    assert [(item.institution, item.degree) for item in education] == [
        ("Lakeside College", "BSc in Physics"),
        ("Riverside University", "MSc in Optics"),
    ]
