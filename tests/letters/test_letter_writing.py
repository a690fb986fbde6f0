"""The local engine writes letters, not bullet quotes (#16 part 4): bounds, no copied
bullet, the JD's question answered when the resume can, regenerate reads differently."""

import json
from pathlib import Path

import pytest
from tests.letters.samples import JD, OTHER_JD, resume_data

from refleum.letters.copying import copied_sentences, copies
from refleum.letters.grounding import TruthIndex, ground_text
from refleum.letters.jd_facts import applicant_asks
from refleum.letters.kinds import Kind
from refleum.letters.local_engine import (
    COVER_MAX_WORDS,
    COVER_MIN_WORDS,
    NOTE_MAX_CHARS,
    OUTREACH_MAX_WORDS,
    compose,
)
from refleum.letters.prose import facts
from refleum.letters.similarity import REGENERATE_AIM, similarity
from refleum.letters.templates import all_template_text, templates_for
from refleum.resume_data import ResumeData

ROOT = Path(__file__).parents[2]
EXAMPLE = ResumeData.model_validate(json.loads((ROOT / "examples/resume.json").read_text()))
EXAMPLE_JD = (ROOT / "examples/job_description.txt").read_text()
PAIRS = {
    "example": (EXAMPLE, EXAMPLE_JD, "Senior Backend Engineer", "Acme Pay"),
    "analyst-globex": (resume_data(), JD, "Senior Data Analyst", "Globex"),
}
ASKING_JD = JD + "\nIn your cover letter, please tell us about a time you automated reporting.\n"
PAIRS["analyst-asked"] = (resume_data(), ASKING_JD, "Senior Data Analyst", "Globex")
UNANSWERABLE_JD = JD + "\nPlease describe your experience running Kafka clusters at scale.\n"
CORPUS = sorted(ROOT.joinpath("tests", "fixtures", "corpus").glob("*.json"))


def words(text: str) -> int:
    return len(text.split())


def grounded(text: str, truth: ResumeData, jd: str, language: str = "en") -> bool:
    index = TruthIndex.build(truth, jd, language=language, extra_words=all_template_text())
    return ground_text(text, index).removed == []


# -- the measures --------------------------------------------------------------------
def test_a_bullet_framed_by_other_words_is_still_a_copy():
    bullet = "Automated SQL reporting, cutting manual work by 35%"
    assert copies(
        "At Northwind Traders, I automated SQL reporting, cutting manual work by 35%.", [bullet]
    )
    assert not copies("I cut manual work by 35% by automating SQL reporting.", [bullet])
    assert not copies("I automated SQL reporting.", ["Filed 2 patents"])  # too short to judge


def test_copied_sentences_lists_each_copying_sentence_of_a_letter():
    letter = (
        "Hello.\n\nAt Contoso I cleaned survey data in Python (pandas) for 12 research projects. "
        "Thanks."
    )
    assert copied_sentences(letter, resume_data()) == [
        "At Contoso I cleaned survey data in Python (pandas) for 12 research projects."
    ]


def test_similarity_is_word_bigram_jaccard():
    assert similarity("one two three", "one two three") == 1.0
    assert similarity("one two three", "four five six") == 0.0
    assert similarity("a b c", "a b d") == pytest.approx(1 / 3)  # {ab} shared of {ab, bc, bd}


# -- prose ---------------------------------------------------------------------------
def test_a_result_clause_becomes_its_own_finite_clause_and_words_stay_the_resumes():
    result = facts(
        "Moved 14 services from VMs to k8s on AWS, cutting deploy time from 40 to 6 minutes",
        present=False,
    )[0]
    assert (result.kind, result.verb, result.gerund) == ("result", "moved", "moving")
    assert result.main == "14 services from VMs to k8s on AWS"
    assert result.tail == "cut deploy time from 40 to 6 minutes"


def _readings(bullet: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.main, f.tail) for f in facts(bullet, present=False)]


def test_an_including_clause_describes_and_is_never_told_as_a_result():
    # It once gave "What included ventilated … patients was caring for 2 adults …".
    bullet = "Cared for 2 adults per shift in a 32-bed ICU, including ventilated patients"
    assert all(kind != "result" for kind, _, _ in _readings(bullet))


def test_an_agents_participle_is_what_i_did_besides_and_every_verb_of_it_turns_past():
    kind, main, tail = _readings(
        "Worked 40+ night shifts as charge nurse, making assignments and coordinating teams"
    )[0]
    # "That made assignments" would say the shifts did it: only an effect is a "result".
    assert (kind, main, tail) == (
        "action",
        "40+ night shifts as charge nurse",
        "made assignments and coordinated teams",
    )


def test_a_fronted_phrase_is_one_plain_phrase():
    # "In Epic and give handoffs, I document …" and "On the team, I booked 210 meetings,
    # first of 14 SDRs" read as nothing.
    for bullet in (
        "Document care plans in Epic and give structured SBAR handoffs",
        "Booked 210 qualified meetings in 2021, first of 14 SDRs on the team",
    ):
        assert all(kind != "fronted" for kind, _, _ in _readings(bullet)), bullet


def test_a_two_clause_bullet_is_told_as_two_sentences_or_its_first_alone():
    readings = _readings(
        "Precepted 9 new nurses through the 12-week residency; all 9 completed orientation"
    )
    assert readings[0] == (
        "sequel",
        "9 new nurses through the 12-week residency",
        "all 9 completed orientation",
    )
    assert ("fronted", "9 new nurses", "through the 12-week residency") in readings
    assert all(";" not in main for _, main, _ in readings[:-1])


def test_a_hard_wrapped_question_is_read_to_its_end():
    jd = "In your letter, tell us how you have supported new nurses at the\nbedside: it matters."
    assert applicant_asks(jd) == ("how you have supported new nurses at the bedside",)


@pytest.mark.parametrize(
    ("bullet", "present", "verb"),
    [
        ("Teach 5 classes of 30 students in grades 10 to 12", True, "teach"),
        ("Teach 5 classes of 30 students in grades 10 to 12", False, "taught"),
        ("Uses R to analyze survey data for the lab", True, "use"),
        ("Co-led a migration of the billing system", False, "co-led"),
        ("Responsible for payroll of 300 staff", False, "was responsible for"),
    ],
)
def test_the_opening_verb_becomes_first_person_in_the_jobs_tense(bullet, present, verb):
    assert facts(bullet, present=present)[0].verb == verb


def test_a_bullet_without_an_opening_verb_is_not_bent_into_prose():
    assert facts("SQL reporting for finance and operations", present=False) == []


# -- the fixture pairs ---------------------------------------------------------------
@pytest.mark.parametrize("name", PAIRS)
def test_cover_letter_is_a_letter_within_bounds_that_copies_no_bullet(name):
    resume, jd, role, company = PAIRS[name]
    content = compose(Kind.COVER_LETTER, resume, resume, jd, "en").content
    assert COVER_MIN_WORDS <= words(content) <= COVER_MAX_WORDS, content
    assert copied_sentences(content, resume) == []
    opening = content.split("\n\n")[1]
    assert role in opening and company in opening
    assert content.rstrip().endswith(resume.personalInfo.name)
    assert grounded(content, resume, jd)


@pytest.mark.parametrize("name", PAIRS)
def test_outreach_and_note_stay_short_and_copy_no_bullet(name):
    resume, jd, _role, company = PAIRS[name]
    draft = compose(Kind.OUTREACH, resume, resume, jd, "en")
    assert words(draft.content) < OUTREACH_MAX_WORDS
    assert draft.connection_note and len(draft.connection_note) < NOTE_MAX_CHARS
    assert copied_sentences(draft.content, resume) == []
    assert company in draft.content


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("name", PAIRS)
def test_regenerate_reads_differently_and_stays_grounded(name, kind):
    resume, jd, _role, _company = PAIRS[name]
    first = compose(kind, resume, resume, jd, "en").content
    again = compose(kind, resume, resume, jd, "en", previous=first).content
    assert similarity(first, again) < REGENERATE_AIM, again
    assert copied_sentences(again, resume) == []
    assert grounded(again, resume, jd)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_no_corpus_letter_or_regeneration_copies_a_bullet(path):
    resume = ResumeData.model_validate(json.loads(path.read_text("utf-8")))
    for jd in (JD, OTHER_JD, EXAMPLE_JD):
        first = compose(Kind.COVER_LETTER, resume, resume, jd, "en").content
        again = compose(Kind.COVER_LETTER, resume, resume, jd, "en", previous=first).content
        for content in (first, again):
            assert copied_sentences(content, resume) == [], content
            assert grounded(content, resume, jd)
            assert words(content) <= COVER_MAX_WORDS


# -- what the JD asks applicants to address ------------------------------------------
def test_the_jds_questions_are_read_in_its_own_words():
    assert applicant_asks(ASKING_JD) == ("a time you automated reporting",)
    assert applicant_asks(
        "Tell us about your favourite dataset! We'd love to hear about a side project."
    ) == (
        "your favourite dataset",
        "a side project",
    )
    assert applicant_asks(JD) == ()


def test_a_question_the_resume_can_answer_gets_an_answer_from_its_lines():
    content = compose(Kind.COVER_LETTER, resume_data(), resume_data(), ASKING_JD, "en").content
    answer = next(p for p in content.split("\n\n") if "a time I automated reporting" in p)
    assert "35%" in answer  # told from "Automated SQL reporting, cutting manual work by 35%"
    assert grounded(content, resume_data(), ASKING_JD)
    assert copied_sentences(content, resume_data()) == []


@pytest.mark.parametrize("language", ["en", "es", "fr", "de", "pt"])
def test_a_question_the_resume_cannot_answer_gets_silence(language):
    content = compose(
        Kind.COVER_LETTER, resume_data(), resume_data(), UNANSWERABLE_JD, language
    ).content
    words_ = templates_for(language)
    leads = [*words_.get("answer_lead", []), *words_["answer_lead_plain"]]
    assert not any(lead.split("{")[0] in content for lead in leads)
    assert "Kafka" not in content


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt"])
def test_other_languages_answer_with_their_own_lead(language):
    content = compose(Kind.COVER_LETTER, resume_data(), resume_data(), ASKING_JD, language).content
    assert templates_for(language)["answer_lead_plain"][0] in content
    assert grounded(content, resume_data(), ASKING_JD, language)


# -- hostile inputs ------------------------------------------------------------------
def _bare(bullets: list[str]) -> ResumeData:
    data = resume_data()
    data.workExperience = data.workExperience[:1]
    data.workExperience[0].description = bullets
    return data


@pytest.mark.parametrize("language", ["en", "es", "fr", "de", "pt"])
@pytest.mark.parametrize("bullets", [[], ["Automated SQL reporting, cutting manual work by 35%"]])
@pytest.mark.parametrize("jd", [JD, "We need someone who writes SQL and builds dashboards.", "x"])
def test_thin_resumes_and_thin_jds_give_a_clear_letter(bullets, jd, language):
    resume = _bare(bullets)
    for kind in Kind:
        draft = compose(kind, resume, resume, jd, language)
        assert draft.content.rstrip().endswith("Ana Souza")
        assert "{" not in draft.content and "None" not in draft.content
        assert words(draft.content) <= (
            COVER_MAX_WORDS if kind is Kind.COVER_LETTER else OUTREACH_MAX_WORDS
        )
        if language == "en":  # other languages quote the resume's line, marked as a quote
            assert copied_sentences(draft.content, resume) == []
        assert grounded(draft.content, resume, jd, language)
        again = compose(kind, resume, resume, jd, language, previous=draft.content)
        assert grounded(again.content, resume, jd, language)


def test_a_jd_without_a_company_is_written_around():
    jd = (
        "Senior Data Analyst\n\nWe are looking for a Senior Data Analyst who writes SQL and Python."
    )
    content = compose(Kind.COVER_LETTER, resume_data(), resume_data(), jd, "en").content
    assert "Senior Data Analyst" in content.split("\n\n")[1]
    assert "your team" in content or "hiring" in content.split("\n\n")[0].lower()


def test_a_regeneration_tells_other_achievements_first():
    first = compose(Kind.COVER_LETTER, EXAMPLE, EXAMPLE, EXAMPLE_JD, "en").content
    again = compose(Kind.COVER_LETTER, EXAMPLE, EXAMPLE, EXAMPLE_JD, "en", previous=first).content
    figures = ["2 million", "40 to 6", "30%", "80,000", "9 engineers", "45%", "600"]
    told_first = {figure for figure in figures if figure in first}
    told_again = {figure for figure in figures if figure in again}
    assert told_again - told_first  # at least one achievement the first letter did not tell


def test_the_jds_description_of_the_company_opens_the_letter_without_claiming_it():
    content = compose(Kind.COVER_LETTER, resume_data(), resume_data(), JD, "en").content
    assert "a logistics company moving freight across Europe" in content.split("\n\n")[1]
    assert grounded(content, resume_data(), JD)


def test_the_sales_example_answers_its_pipeline_question_from_the_money_bullet():
    # Two defects kept it silent: "$4.8M" read as the name "M", and "by sourcing …" (the
    # bullet's own verb "Sourced") read as a claim to the skill "sourcing".
    folder = ROOT / "examples" / "sales"
    resume = ResumeData.model_validate(json.loads((folder / "resume.json").read_text()))
    jd = (folder / "job_description.txt").read_text()
    letter = compose(Kind.COVER_LETTER, resume, resume, jd, "en").content
    assert "You asked about how I build and manage my own pipeline" in letter
    assert "$4.8M in qualified opportunities" in letter and "62%" in letter
    assert ground_text(letter, TruthIndex.build(resume, jd)).removed == []


def test_jd_skills_restated_in_a_letter_are_in_sentence_case():
    # The nursing JD lists "Charge nurse experience" at a line's start; mid-sentence the
    # letter once wrote "Charge nurse and Rapid response".
    folder = ROOT / "examples" / "nursing"
    resume = ResumeData.model_validate(json.loads((folder / "resume.json").read_text()))
    jd = (folder / "job_description.txt").read_text()
    letter = compose(Kind.COVER_LETTER, resume, resume, jd, "en").content
    assert "Charge nurse" not in letter.replace("\n", " ").replace(". Charge nurse", "")
    assert "charge nurse" in letter.lower()
