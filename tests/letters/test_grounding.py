import pytest
from tests.letters.samples import JD, resume_data

from refleum.letters.grounding import TruthIndex, claims_in, ground_text
from refleum.letters.templates import all_template_text


@pytest.fixture(scope="module")
def index() -> TruthIndex:
    return TruthIndex.build(resume_data(), JD, extra_words=all_template_text())


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("I have deep experience with Kafka streaming.", "skill"),
        ("I also know Snowflake well, as the job asks.", "skill"),  # in the JD, not the resume
        ("I use dbt daily.", "skill"),
        ("Like your team, my stack is dbt and Snowflake.", "skill"),
        ("I cut reporting time by 80%.", "number"),
        ("I have seven years of experience.", "number"),
        ("In 2015 I started analysing data.", "number"),
        ("Before that I spent time at Google.", "name"),
        ("I worked at Globex on its freight data.", "employer"),  # the JD's company
        ("I hold an MBA.", "degree"),
        ("I am a PMP certified project lead.", "certification"),
        ("I am AWS Certified.", "certification"),
        ("I built Globex's freight tracker last spring.", "employer"),  # the JD's company
    ],
)
def test_a_sentence_claiming_what_the_resume_lacks_is_caught(index, sentence, kind):
    kinds = {claim.kind for claim in claims_in(sentence, index)}
    assert kind in kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "I automated SQL reporting, cutting manual work by 35%.",
        "At Northwind Traders I built weekly revenue dashboards in Tableau used by 40 managers.",
        "I'd love to bring this to the Senior Data Analyst role at Globex.",  # JD names
        "My BSc in Statistics from the University of Lisbon grounds my work.",
        "Dear Globex hiring team,",
        "I'd love to help Globex's analytics team make faster decisions.",
        "Your team builds its models in dbt and Snowflake.",  # about the company
        "Best regards, Ana Souza",
    ],
)
def test_a_grounded_sentence_is_kept(index, sentence):
    assert claims_in(sentence, index) == []


def test_german_nouns_are_not_names_but_invented_acronyms_still_are():
    german = TruthIndex.build(resume_data(), JD, language="de")
    assert claims_in("Ich arbeite gern mit Daten und Menschen im Team.", german) == []
    assert [c.kind for c in claims_in("Ich habe bei IBM gearbeitet.", german)] == ["name"]


def test_removed_sentences_are_counted_and_the_rest_keeps_its_paragraphs(index):
    text = (
        "Dear Globex hiring team,\n\n"
        "I automated SQL reporting, cutting manual work by 35%. I led a team of 25 engineers.\n\n"
        "I am also a certified Kubernetes administrator. Thank you for your time."
    )
    grounded = ground_text(text, index)
    assert grounded.text == (
        "Dear Globex hiring team,\n\n"
        "I automated SQL reporting, cutting manual work by 35%.\n\n"
        "Thank you for your time."
    )
    assert [sentence for sentence, _ in grounded.removed] == [
        "I led a team of 25 engineers.",
        "I am also a certified Kubernetes administrator.",
    ]
    assert grounded.kept == 3 and grounded.total == 5


def test_empty_text_has_no_sentences(index):
    grounded = ground_text("", index)
    assert (grounded.text, grounded.total) == ("", 0)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("es", "Tengo cinco años de experiencia con Kafka."),
        ("es", "Trabajé en Google como ingeniera."),
        ("es", "Tengo un MBA de una escuela de negocios."),
        ("fr", "J'ai travaillé chez Amazon pendant 3 ans."),
        ("fr", "Je suis certifiée Scrum Master."),
        ("de", "Ich habe bei SAP gearbeitet."),
        ("de", "Ich bin AWS-zertifiziert."),
        ("de", "Ich habe zehn Jahre Erfahrung."),
        ("pt", "Tenho certificação PMP."),
        ("pt", "Aumentei a receita em 200%."),
    ],
)
def test_fabrications_are_caught_in_every_local_language(language, sentence):
    index = TruthIndex.build(resume_data(), JD, language=language, extra_words=all_template_text())
    assert claims_in(sentence, index) != []


def test_money_units_glued_to_a_number_are_not_names():
    # "$1.4M" once read as the name "M", which the truth (spelling "1.4M") never holds as a
    # word: every money bullet was then kept out of letters as if it invented a name.
    data = resume_data().model_dump()
    data["workExperience"][0]["description"] = ["Closed $1.4M in new ARR, a $310K deal"]
    money = TruthIndex.build(type(resume_data()).model_validate(data), JD)
    assert claims_in("I closed $1.4M in new ARR, including a $310K deal.", money) == []
    assert {c.kind for c in claims_in("I closed $9.9M in new ARR.", money)} == {"number"}


def test_a_skill_named_by_a_bullets_own_opening_verb_is_grounded_and_no_other():
    data = resume_data().model_dump()
    data["workExperience"][0]["description"] = ["Sourced 62% of my own pipeline"]
    sourced = TruthIndex.build(type(resume_data()).model_validate(data), JD)
    told = "I built my pipeline by sourcing 62% of it."
    assert claims_in(told, sourced) == []
    assert "skill" in {c.kind for c in claims_in(told, TruthIndex.build(resume_data(), JD))}
