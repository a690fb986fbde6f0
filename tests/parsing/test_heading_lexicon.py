"""Section headings in the supported languages, misspelt, with dates or colons; and the
lines that must never be taken for headings."""

from __future__ import annotations

import pytest

from refleum.documents.sections import is_section_word
from refleum.parsing.lines import read_lines
from refleum.parsing.sections import section_kind, split_sections


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Research Experience", "custom"),
        # JSON Resume's own section name, and a count of the entries after a title
        ("Work", "experience"),
        ("Education(1)", "education"),
        ("Work Experience (3)", "experience"),
        ("Key Skills", "skills"),
        ("Strengths", "skills"),
        ("Work", "experience"),  # JSON Resume themes title the section by its key
        ("Professional Skills Summary", "skills"),
        ("Summary of Skills", "skills"),
        # misspelt by one letter (words of six letters or more)
        ("Techincal Skills", "skills"),
        ("Experiance", "experience"),
        ("Profesional Experience", "experience"),
        ("Educaton", "education"),
        ("Certifcations", "certifications"),
        # German
        ("Berufserfahrung", "experience"),
        ("Berufliche Erfahrung", "experience"),
        ("Werdegang", "experience"),
        ("Praxiserfahrung", "experience"),
        ("Ausbildung", "education"),
        ("Bildung", "education"),
        ("Studium", "education"),
        ("Kenntnisse", "skills"),
        ("Fähigkeiten", "skills"),
        ("Kompetenzen", "skills"),
        ("Sprachen", "languages"),
        ("Über mich", "summary"),
        ("Profil", "summary"),
        # Spanish
        ("Experiencia laboral", "experience"),
        ("Experiencia profesional", "experience"),
        ("Formación académica", "education"),
        ("Educación", "education"),
        ("Habilidades", "skills"),
        ("Competencias", "skills"),
        ("Idiomas", "languages"),
        ("Resumen", "summary"),
        ("Sobre mí", "summary"),
        ("Perfil", "summary"),
        ("Proyectos", "projects"),
        # French
        ("Expérience professionnelle", "experience"),
        ("Expériences", "experience"),
        ("Formation", "education"),
        ("Études", "education"),
        # degrees and competitive exams under one heading
        ("Diplômes & concours", "education"),
        ("Diplômes et formations", "education"),
        ("Compétences", "skills"),
        ("Langues", "languages"),
        ("À propos", "summary"),
        ("Centres d'intérêt", "custom"),
        # Portuguese
        ("Experiência profissional", "experience"),
        ("Experiência", "experience"),
        ("Formação académica", "education"),
        ("Formação acadêmica", "education"),
        ("Competências", "skills"),
        ("Línguas", "languages"),
        ("Certificações", "certifications"),
        # Italian
        ("Esperienze lavorative", "experience"),
        ("Esperienza professionale", "experience"),
        ("Istruzione", "education"),
        ("Formazione", "education"),
        ("Competenze", "skills"),
        ("Lingue", "languages"),
        ("Profilo", "summary"),
        ("Istruzione e formazione", "education"),
        # Dutch
        ("Werkervaring", "experience"),
        ("Werkervaringen", "experience"),
        ("Ervaring", "experience"),
        ("Opleiding", "education"),
        ("Opleidingen", "education"),
        ("Vaardigheden", "skills"),
        ("Talen", "languages"),
        ("Samenvatting", "summary"),
        ("Vrijwilligerswerk", "custom"),
        # case, accents, colons, numbering, letter spacing, "&"/"and", dates
        ("EXPERIENCIA LABORAL", "experience"),
        ("Experiencia Laboral:", "experience"),
        ("competences", "skills"),
        ("FORMACAO ACADEMICA", "education"),
        ("2. Education", "education"),
        ("E X P E R I E N C E", "experience"),
        ("Honors and Awards", "awards"),
        ("Experience (2015 – present)", "experience"),
        ("Berufserfahrung 2010 - heute", "experience"),
        ("Publications", "custom"),
        ("Hobbies", "custom"),
        ("Volunteering", "custom"),
        # words run together where the PDF drew no gap between them (issue #12)
        ("WorkExperience", "experience"),
        ("Expériencesprofessionnelles", "experience"),
        ("TECHNICALSKILLS", "skills"),
        # a profile export counts each section's entries; JSON Resume calls jobs "work"
        ("Work Experience(1)", "experience"),
        ("Education (2)", "education"),
        ("Work", "experience"),
    ],
)
def test_headings_in_every_supported_language(title, kind):
    assert section_kind(title) == kind
    assert is_section_word(title)


@pytest.mark.parametrize(
    "line",
    [
        "Experienced",  # a word, not a misspelling
        "Trainings",
        "Led the education team at Acme",
        "Skills: Python, SQL, Go",
        "Managed professional experience programmes for graduates",
        "Acme Corporation",
        "Python",
        "Senior Engineer",
        "Bildungsreise",
        "Experiencedengineer",  # glued words must be a whole title, nothing more
        "Experience with large-scale distributed systems and teams",
        "Team (12)",  # a count after a word that names no section
        "Python (3)",
        "",
    ],
)
def test_content_lines_are_not_headings(line):
    assert section_kind(line) is None
    assert not is_section_word(line)


def test_a_bullet_that_is_a_title_word_stays_a_bullet():
    markdown = "## Skills\n\n- Leadership\n- Experience\n\n## Experience\n\nAcme | 2019 – 2021\n"
    sections = split_sections(read_lines(markdown))
    assert [s.kind for s in sections] == ["header", "skills", "experience"]
    assert [line.text for line in sections[1].lines if line.kind == "bullet"] == [
        "Leadership",
        "Experience",
    ]


def test_plain_foreign_headings_split_a_document():
    markdown = (
        "Jana Novak\n\nBerufserfahrung\nAcme GmbH | 2019 – heute\n\n"
        "Ausbildung\nTU Berlin | 2014 – 2018\n\nSprachen\nDeutsch, Englisch\n"
    )
    kinds = [s.kind for s in split_sections(read_lines(markdown))]
    assert kinds == ["header", "experience", "education", "languages"]


def test_a_bold_foreign_title_in_a_pdf_is_marked_as_a_heading():
    from tests.documents.tiny_pdf import Text, build_pdf

    from refleum.documents.extract import extract_markdown

    page = [
        Text(72, 760, "Jana Novak", size=20),
        Text(72, 720, "Werdegang", bold=True),
        Text(72, 700, "Acme GmbH, Berlin"),
        Text(72, 680, "Entwicklerin seit 2019 im Plattformteam"),
        Text(72, 650, "Techincal Skills", bold=True),
        Text(72, 630, "Python, SQL"),
    ]
    markdown = extract_markdown(build_pdf([page]), "pdf").markdown
    assert "## Werdegang" in markdown
    assert "## Techincal Skills" in markdown


def test_a_title_wrapped_onto_two_heading_lines_is_one_heading():
    lines = read_lines(
        "## Expériences\n\n## professionnelles\n\n2006 - 2010 Enseignant\nCollège Exemple\n"
    )
    sections = split_sections(lines)
    assert [s.kind for s in sections] == ["header", "experience"]
    assert [line.text for line in sections[1].lines if line.kind != "blank"] == [
        "2006 - 2010 Enseignant",
        "Collège Exemple",
    ]
