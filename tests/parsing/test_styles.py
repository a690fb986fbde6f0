"""Whole resumes in styles the corpus does not use: section titles, entry orders and
list styles seen in real resumes, each checked field by field and for grounding."""

from pathlib import Path

from refleum.analysis.grounding import ungrounded_values
from refleum.parsing.local_parser import parse_resume

US_STYLE = (Path(__file__).parent / "data" / "us_style.md").read_text(encoding="utf-8")
EU_STYLE = (Path(__file__).parent / "data" / "eu_style.md").read_text(encoding="utf-8")


def test_us_style_caps_headings_company_line_then_title_line():
    data = parse_resume(US_STYLE).data
    info = data.personalInfo
    assert (info.name, info.location, info.phone, info.email, info.linkedin) == (
        "JOHN A. SMITH",
        "San Francisco, CA 94105",
        "(415) 555-0123",
        "john.smith@gmail.com",
        "https://www.linkedin.com/in/johnsmith",
    )
    assert [(j.id, j.title, j.company, j.location, j.years) for j in data.workExperience] == [
        (1, "Staff Software Engineer", "Google LLC", "Mountain View, CA", "March 2019 – Present"),
        (
            2,
            "Software Development Engineer II",
            "Amazon Web Services",
            "Seattle, WA",
            "June 2015 – February 2019",
        ),
        (3, "Freelance Developer", "", "", "2013 - 2015"),
    ]
    assert [(e.degree, e.institution, e.years, e.description) for e in data.education] == [
        ("Master of Science in Computer Science", "Stanford University", "2013", ""),
        (
            "Bachelor of Science in Electrical Engineering",
            "University of Michigan",
            "2011",
            "GPA: 3.9/4.0, Magna Cum Laude",
        ),
    ]
    assert data.additional.technicalSkills == [
        "Go",
        "Java",
        "Python",
        "C++",
        "AWS (EC2, S3, Lambda)",
        "GCP",
        "Kubernetes",
        "PostgreSQL",
        "DynamoDB",
    ]
    assert data.additional.certificationsTraining == [
        "AWS Certified Solutions Architect – Professional, 2020",
        "Certified Kubernetes Administrator (CKA)",
    ]
    publications = data.customSections["publications"]
    assert (publications.type, publications.strings) == (
        "stringList",
        ['"Scaling Load Balancers", USENIX ATC 2021'],
    )
    assert ungrounded_values(data, US_STYLE) == []


def test_eu_style_dates_first_title_at_company_and_bulleted_lists():
    data = parse_resume(EU_STYLE).data
    info = data.personalInfo
    assert (info.title, info.location, info.github, info.website) == (
        "Data Scientist | Machine Learning Engineer",
        "Madrid, Spain",
        "github.com/mgarcia",
        "mgarcia.dev",
    )
    assert [(j.title, j.company, j.location, j.years) for j in data.workExperience] == [
        ("Lead Data Scientist", "Cabify", "Madrid", "2021 – Present"),
        ("Data Scientist", "BBVA", "Madrid", "2018 – 2021"),
    ]
    assert [(e.institution, e.degree, e.years) for e in data.education] == [
        ("Universidad Politécnica de Madrid", "MSc in Artificial Intelligence", "2016 – 2018")
    ]
    project = data.personalProjects[0]
    assert (project.name, project.role, project.github) == (
        "Forecastr",
        "",
        "github.com/mgarcia/forecastr",
    )
    assert data.additional.technicalSkills == [
        "Python",
        "R",
        "SQL",
        "Time series",
        "Bayesian statistics",
        "Spark",
        "Airflow",
    ]
    assert data.additional.languages == ["Spanish – Native", "English – C1"]
    assert data.additional.awards == ["Best Paper, KDD Workshop 2019", "Kaggle Grandmaster"]
    volunteering = data.customSections["volunteer_experience"]
    assert volunteering.type == "itemList"
    assert (volunteering.items[0].title, volunteering.items[0].subtitle) == (
        "Teacher",
        "Code Club Madrid",
    )
    assert ungrounded_values(data, EU_STYLE) == []


LINKEDIN_STYLE = (Path(__file__).parent / "data" / "linkedin_style.md").read_text(encoding="utf-8")


def test_linkedin_export_style_durations_and_document_title():
    data = parse_resume(LINKEDIN_STYLE).data
    info = data.personalInfo
    assert (info.name, info.title, info.phone, info.location) == (
        "Ana Souza",
        "Product Manager",
        "+55 11 91234-5678",
        "São Paulo, Brazil",
    )
    assert [(j.title, j.company, j.location, j.years) for j in data.workExperience] == [
        ("Senior Product Manager", "Nubank", "São Paulo, Brazil", "January 2020 - Present"),
        ("Product Manager", "Stone Co.", "", "Mar 2017 - Dec 2019"),
    ]
    assert [(e.institution, e.degree, e.years) for e in data.education] == [
        ("Universidade de São Paulo", "Bachelor's degree, Computer Engineering", "2011 - 2016")
    ]
    assert data.additional.technicalSkills == ["Product strategy", "SQL", "A/B testing"]
    assert ungrounded_values(data, LINKEDIN_STYLE) == []


TABLE_ROWS_STYLE = (Path(__file__).parent / "data" / "table_rows_style.md").read_text(
    encoding="utf-8"
)


def test_dates_first_table_rows_and_label_column_skills():
    data = parse_resume(TABLE_ROWS_STYLE).data
    assert [(j.title, j.company, j.location, j.years) for j in data.workExperience] == [
        ("Senior ML Researcher", "Deepgram GmbH", "Berlin", "2021 – present"),
        ("Research Engineer", "Speechmatics Ltd", "Cambridge, UK", "2017 – 2021"),
    ]
    assert [(e.degree, e.institution, e.years, e.description) for e in data.education] == [
        (
            "PhD in Computer Science",
            "Saarland University",
            "2013 – 2017",
            "Thesis: Low-resource speech recognition",
        ),
        ("BSc Informatics", "TU Berlin", "2010 – 2013", ""),
    ]
    assert data.additional.technicalSkills == ["Python", "C++", "CUDA", "PyTorch", "JAX", "Kaldi"]
    assert data.additional.languages == ["German (native)", "English (C2)", "French (B1)"]
    assert data.customSections["publications"].strings[1] == (
        "Müller, L. (2018). Data augmentation for low-resource ASR. ICASSP."
    )
    assert ungrounded_values(data, TABLE_ROWS_STYLE) == []
