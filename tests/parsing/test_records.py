import pytest
from tests.parsing.entry_helpers import grouped_entries, job_fields

from refleum.parsing.education import read_education
from refleum.parsing.records import read_experience, read_project


@pytest.mark.parametrize(
    "markdown, expected",
    [
        (
            "Senior Engineer — Acme Corp\nSeattle, WA, Jan 2020 – Present\n- x",
            ("Senior Engineer", "Acme Corp", "Seattle, WA", "Jan 2020 – Present"),
        ),
        (
            "Senior Engineer, Acme Corp | 2019–2021\n- x",
            ("Senior Engineer", "Acme Corp", "", "2019–2021"),
        ),
        (
            "Data Analyst at Initech | 03/2014 - 05/2016\n- x",
            ("Data Analyst", "Initech", "", "03/2014 - 05/2016"),
        ),
        (
            "Klarna / Senior Backend Engineer | Stockholm | Jan 2020 – Present\n- x",
            ("Senior Backend Engineer", "Klarna", "Stockholm", "Jan 2020 – Present"),
        ),
        (
            "Globex Inc.\nSoftware Engineer\n2015 – 2018\n- x",
            ("Software Engineer", "Globex Inc.", "", "2015 – 2018"),
        ),
        (
            "Engineering Intern — Bosch\nStuttgart, Summer 2019\n- x",
            ("Engineering Intern", "Bosch", "Stuttgart", "Summer 2019"),
        ),
        (
            "Research Scientist — Northvolt, Västerås | 2021 - Present\n- x",
            ("Research Scientist", "Northvolt", "Västerås", "2021 - Present"),
        ),
        (
            "Judicial Law Clerk — Illinois Appellate Court, First District, Chicago, IL | "
            "Aug 2006 – Jul 2007\n- x",
            (
                "Judicial Law Clerk",
                "Illinois Appellate Court, First District",
                "Chicago, IL",
                "Aug 2006 – Jul 2007",
            ),
        ),
        (
            "Cook County State's Attorney's Office / Assistant State's Attorney\n"
            "Chicago, IL, Aug 2007 – Sep 2010\n- x",
            (
                "Assistant State's Attorney",
                "Cook County State's Attorney's Office",
                "Chicago, IL",
                "Aug 2007 – Sep 2010",
            ),
        ),
        (
            "Le Chapon Fin / Executive Chef | 2022 – Present\nBordeaux\n- x",
            ("Executive Chef", "Le Chapon Fin", "Bordeaux", "2022 – Present"),
        ),
        (
            "Research Assistant — UC Berkeley\nHaas\nBerkeley, CA, 09/2018 - 12/2019\n- x",
            ("Research Assistant", "UC Berkeley Haas", "Berkeley, CA", "09/2018 - 12/2019"),
        ),
    ],
)
def test_experience_headers_in_either_order(markdown, expected):
    assert job_fields(markdown) == expected


def test_bullets_and_prose_lines_become_the_description():
    (entry,) = grouped_entries(
        "Engineer — Acme | 2020\nLed the platform team that rebuilt billing "
        "from scratch over two years of steady work.\n- Cut costs 30%"
    )
    assert read_experience(entry, 3).model_dump() == {
        "id": 3,
        "title": "Engineer",
        "company": "Acme",
        "location": "",
        "years": "2020",
        "description": [
            "Led the platform team that rebuilt billing from scratch over two "
            "years of steady work.",
            "Cut costs 30%",
        ],
    }


def test_entries_split_at_blank_lines_bullets_and_new_dated_headers():
    markdown = (
        "Dev — A\n\nParis, 2020 – 2021\n\n- one\n\n- two\nDev — B\n2018 – 2020\n- three\n\n"
        "BSc, MIT\n2010 – 2014\nMSc, MIT\n2014 – 2016\n"
    )
    entries = grouped_entries(markdown)
    assert [e.header for e in entries] == [
        ["Dev — A", "Paris, 2020 – 2021"],
        ["Dev — B", "2018 – 2020"],
        ["BSc, MIT", "2010 – 2014"],
        ["MSc, MIT", "2014 – 2016"],
    ]
    assert entries[0].bullets == ["one", "two"]


@pytest.mark.parametrize(
    "markdown, expected",
    [
        (
            "BSc Computer Science, Vietnam National University\n2014 – 2018\nGPA 3.7/4.0",
            ("Vietnam National University", "BSc Computer Science", "2014 – 2018", "GPA 3.7/4.0"),
        ),
        (
            "Institut Paul Bocuse / Bachelor in Culinary Arts | 2007 – 2010",
            ("Institut Paul Bocuse", "Bachelor in Culinary Arts", "2007 – 2010", ""),
        ),
        (
            "Juris Doctor, cum laude, Northwestern University Pritzker School of\nLaw\n\n"
            "2003 – 2006",
            (
                "Northwestern University Pritzker School of Law",
                "Juris Doctor, cum laude",
                "2003 – 2006",
                "",
            ),
        ),
        (
            "MSc Mechanical\nEngineering, Politechnika\nWrocławska\n2010 - 2015",
            ("Politechnika Wrocławska", "MSc Mechanical Engineering", "2010 - 2015", ""),
        ),
        (
            "BA Economics, University of California, Berkeley | 2015 – 2019",
            ("University of California, Berkeley", "BA Economics", "2015 – 2019", ""),
        ),
        (
            "University of Washington\nB.S. Computer Science | 2010 – 2014\n- Dean's list",
            ("University of Washington", "B.S. Computer Science", "2010 – 2014", "Dean's list"),
        ),
    ],
)
def test_education_degree_and_institution(markdown, expected):
    (entry,) = grouped_entries(markdown)
    edu = read_education(entry, 1)
    assert (edu.institution, edu.degree, edu.years, edu.description) == expected


def test_projects_name_role_years_and_links():
    (entry,) = grouped_entries(
        "TinySLAM — Lead developer | 2024 – 2025\n"
        "github.com/aiko/tinyslam · busnow.example.jp\n- Ported SLAM"
    )
    project = read_project(entry, 1)
    assert project.model_dump() == {
        "id": 1,
        "name": "TinySLAM",
        "role": "Lead developer",
        "years": "2024 – 2025",
        "github": "github.com/aiko/tinyslam",
        "website": "busnow.example.jp",
        "description": ["Ported SLAM"],
    }


def test_wrapped_table_cells_dash_led_company_and_split_date_range():
    (job,) = grouped_entries(
        "Senior Structural Engineer | 2020 – Present\n"
        "— Glavbolgarstroy, Sofia\n\n- Designed overpasses"
    )
    assert _job_fields(read_experience(job, 1)) == (
        "Senior Structural Engineer",
        "Glavbolgarstroy",
        "Sofia",
        "2020 – Present",
    )
    (degree,) = grouped_entries(
        "MEng Structural Engineering,\nUniversity of Architecture, Civil\n"
        "Engineering and Geodesy, 2009 –\n2015"
    )
    edu = read_education(degree, 1)
    assert (edu.degree, edu.institution, edu.years) == (
        "MEng Structural Engineering",
        "University of Architecture, Civil Engineering and Geodesy",
        "2009 – 2015",
    )


def _job_fields(job):
    return job.title, job.company, job.location, job.years
