import json
import re
from pathlib import Path

import pytest
from tests.letters.samples import ANONYMOUS_JD, JD, OTHER_JD, numbers_in, resume_data

from refleum.analysis.grounding import string_values
from refleum.analysis.skills import find_skills
from refleum.letters.grounding import TruthIndex, ground_text
from refleum.letters.kinds import Kind
from refleum.letters.local_engine import NOTE_MAX_CHARS, OUTREACH_MAX_WORDS, compose
from refleum.letters.templates import (
    UnsupportedLetterLanguage,
    all_template_text,
    supported_languages,
    templates_for,
)
from refleum.resume_data import ResumeData

LANGUAGES = ["en", "es", "fr", "de", "pt"]


def letter(kind=Kind.COVER_LETTER, jd=JD, language="en", source=None):
    data = source or resume_data()
    return compose(kind, data, resume_data(), jd, language)


def test_the_engine_ships_the_five_languages():
    assert set(supported_languages()) == set(LANGUAGES)


def test_same_input_same_letter():
    assert letter() == letter()
    assert letter(Kind.OUTREACH) == letter(Kind.OUTREACH)


def test_phrasing_varies_with_the_job():
    letters = [letter(jd=f"{JD}\nReference team {n}.").content for n in "abcdefgh"]
    openings = {content.split("\n\n")[1] for content in letters}
    assert len(openings) > 1


def test_cover_letter_names_company_role_and_tells_the_achievements_with_their_figures():
    content = letter().content
    assert "Globex" in content and "Senior Data Analyst" in content
    assert "35%" in content and "40 managers" in content
    assert content.rstrip().endswith("Ana Souza")
    assert "I am writing to express my interest" not in content


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_number_and_claim_comes_from_the_resume(kind, language):
    draft = letter(kind, language=language)
    resume_numbers = numbers_in(str(resume_data().model_dump()))
    index = TruthIndex.build(resume_data(), JD, language=language, extra_words=all_template_text())
    for text in filter(None, (draft.content, draft.connection_note)):
        assert numbers_in(text) <= resume_numbers
        assert ground_text(text, index).removed == []


def test_jd_without_company_or_role_is_written_around_not_invented():
    content = letter(jd=ANONYMOUS_JD).content
    assert content.startswith(("Dear hiring manager,", "Hello,", "Dear hiring team,"))
    assert "{" not in content and "None" not in content
    assert "this role" in content or "this position" in content or "Your posting" in content


def test_a_gap_in_required_skills_gets_an_honest_closing():
    # The JD requires dbt and Snowflake, which the resume lacks.
    closing = templates_for("en")["closing"]["gaps"]
    assert any(sentence in letter().content for sentence in closing)
    no_gaps = templates_for("en")["closing"]["no_gaps"]
    assert not any(s.split("{")[0] in letter(jd=OTHER_JD).content for s in closing)
    assert any(s.split("{")[0] in letter(jd=OTHER_JD).content for s in no_gaps)


def test_outreach_is_short_and_its_connection_note_fits_linkedin():
    draft = letter(Kind.OUTREACH)
    assert len(draft.content.split()) <= OUTREACH_MAX_WORDS
    assert draft.connection_note and len(draft.connection_note) <= NOTE_MAX_CHARS
    assert "Globex" in draft.content and "Globex" in draft.connection_note


def test_outreach_stays_within_limits_for_long_bullets_and_names():
    data = resume_data()
    data.personalInfo.title = "Principal Operations Research and Decision Intelligence Analyst"
    data.workExperience[0].description = [
        "Automated SQL reporting across finance, operations, procurement, logistics, "
        "customer service and marketing, cutting manual work by 35% and giving every "
        "regional director a consistent weekly view of revenue, cost and service levels "
        "that replaced spreadsheets maintained by hand in each country office"
    ] * 3
    draft = letter(Kind.OUTREACH, source=data)
    assert len(draft.content.split()) <= OUTREACH_MAX_WORDS
    assert len(draft.connection_note) <= NOTE_MAX_CHARS


@pytest.mark.parametrize(
    ("language", "marker"),
    [
        ("es", "Me gustaría|Les escribo"),
        ("fr", "Je souhaite|Je vous écris"),
        ("de", "Hiermit bewerbe|Ich schreibe Ihnen"),
        ("pt", "Gostaria de|Escrevo sobre"),
    ],
)
def test_other_languages_write_their_own_prose_and_quote_bullets_as_written(language, marker):
    content = letter(language=language).content
    assert any(option in content for option in marker.split("|"))
    assert "Automated SQL reporting, cutting manual work by 35%" in content
    assert "Dear" not in content and "I'm" not in content


def test_a_language_without_templates_needs_an_llm_provider():
    with pytest.raises(UnsupportedLetterLanguage, match="LLM provider"):
        letter(language="zh")


def test_regional_tags_use_their_language():
    content = letter(language="pt-BR").content
    assert "Atenciosamente," in content or "Cordialmente," in content


def test_a_resume_without_matching_skills_still_gets_a_letter_from_its_closest_lines():
    jd = "Registered Nurse\n\nAbout St Mary Hospital\nWe are looking for a Registered Nurse."
    content = letter(jd=jd).content
    assert "Northwind Traders" in content
    assert "St Mary Hospital" in content


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_nearly_empty_resume_still_gets_a_clean_letter(language):
    bare = resume_data().model_copy(update={"workExperience": [], "personalProjects": []})
    bare.personalInfo.title = ""
    for kind in Kind:
        draft = compose(kind, bare, bare, JD, language)
        assert draft.content.rstrip().endswith("Ana Souza")
        assert "{" not in draft.content
        # No evidence lead ("A few specifics:") left dangling; a greeting may end in ":".
        assert not any(line.endswith(":") for line in draft.content.splitlines()[1:])


def _template_strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, list | dict):
        for value in node.values() if isinstance(node, dict) else node:
            yield from _template_strings(value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_templates_carry_no_skill_and_no_number_of_their_own(language):
    for template in _template_strings(templates_for(language)):
        words = re.sub(r"\{[^}]*\}", " ", template)
        assert find_skills(words) == [], template
        assert not re.search(r"\d", words), template


CORPUS = sorted(Path(__file__).parents[1].joinpath("fixtures", "corpus").glob("*.json"))
JDS = [
    JD,
    OTHER_JD,
    ANONYMOUS_JD,
    """Staff Backend Engineer - Klarna

Klarna is hiring a Staff Backend Engineer to scale our payments platform.

Requirements
- Deep experience with Go or Java and distributed systems
- Kubernetes, Kafka, PostgreSQL; experience mentoring engineers
- A degree in Computer Science; AWS certification is a plus
""",
    """Registered Nurse (ICU)

About St Mary Hospital
St Mary Hospital is looking for a Registered Nurse. BLS and ACLS certification required.
Experience with Epic EHR, patient assessment and medication administration.
""",
]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_letters_for_every_corpus_resume_claim_nothing_beyond_it(path):
    data = ResumeData.model_validate(json.loads(path.read_text("utf-8")))
    numbers = numbers_in(" ".join(v for _p, v in string_values(data)))
    for jd in JDS:
        for language in LANGUAGES:
            index = TruthIndex.build(data, jd, language=language, extra_words=all_template_text())
            for kind in Kind:
                draft = compose(kind, data, data, jd, language)
                for text in filter(None, (draft.content, draft.connection_note)):
                    assert ground_text(text, index).removed == [], (jd[:30], language, text)
                    assert numbers_in(text) <= numbers
                assert "{" not in draft.content
