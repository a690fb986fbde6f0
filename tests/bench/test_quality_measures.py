"""bench_quality's measures can fail: each counts a violation planted in a tailor response,
and each aim turns MISS on it (and PASS without it)."""

from __future__ import annotations

from bench.bench_quality import Tally, aims, measure
from bench.letter_measures import letter_measures, sentences

from refleum.resume_data import ResumeData

SOURCE = ResumeData.model_validate(
    {
        "personalInfo": {"name": "Ana Souza"},
        "workExperience": [
            {
                "id": 1,
                "title": "Data Analyst",
                "company": "Northwind Traders",
                "years": "2020 – Present",
                "description": [
                    "Automated weekly SQL reporting for the finance team, cutting manual work "
                    "by 35%",
                    "Created write-ups of each quarter's sales trends for the board",
                    "Built Tableau dashboards used by 40 regional managers",
                    "Reduced data-warehouse costs by 20% by pruning unused tables",
                ],
            }
        ],
        "additional": {"technicalSkills": ["SQL", "Tableau", "Time-Management"]},
    }
)
COPIED = (
    "At Northwind Traders I automated weekly SQL reporting for the finance team, cutting "
    "manual work by 35%."
)
PARAPHRASED = "Finance used to spend hours on the weekly numbers; I made SQL do that work."


def tailored_with(**changes) -> ResumeData:
    data = SOURCE.model_dump()
    data["workExperience"][0]["description"] = changes["bullets"]
    return ResumeData.model_validate(data)


def response(resume: ResumeData, gaps: list[str], letter: str) -> dict:
    return {
        "resume_data": resume.model_dump(),
        "gaps": gaps,
        "refinement_stats": {"initial_match_percentage": 40.0, "final_match_percentage": 50.0},
        "cover_letter": {"content": letter},
        "outreach_message": {"content": PARAPHRASED},
    }


def test_a_sentence_pasting_a_bullet_is_counted_and_a_paraphrase_is_not():
    letter = f"Dear Hiring Manager,\n\n{COPIED} {PARAPHRASED}\n\nBest regards,\nAna Souza"
    assert sentences(letter) == [COPIED, PARAPHRASED]  # greeting and sign-off are not judged
    assert letter_measures().copied_sentences(letter, SOURCE) == [COPIED]


def test_a_bullet_quoted_with_a_word_dropped_is_still_a_copy():
    quoted = (
        'For SQL, one line from my resume: "Automated SQL reporting for the finance team, '
        'cutting manual work by 35%".'
    )
    copied = letter_measures().copied_sentences
    assert copied(quoted, SOURCE) == [quoted]  # 12 of the line's 13 words
    half = 'One line from my resume: "Automated weekly SQL reporting for the finance team".'
    assert copied(half, SOURCE) == []  # 7 of 13: under 80 %


def test_similarity_is_one_for_the_same_letter_and_low_for_a_rewrite():
    similarity = letter_measures().similarity
    assert similarity(COPIED, COPIED) == 1.0
    assert similarity(COPIED, PARAPHRASED) < 0.2
    assert similarity(COPIED, PARAPHRASED) == similarity(PARAPHRASED, COPIED)


def test_every_planted_violation_is_counted_and_misses_its_aim():
    bullets = [
        "Automated weekly SQL reporting for the finance team, cutting manual work by 35%",
        "Built write-ups of each quarter's sales trends for the board",  # created -> built
        "Built Tableau dashboards used by 40 regional managers",
        "Built data-warehouse savings of 20% by pruning unused tables",  # a third "Built"
    ]
    tally = Tally()
    letter = f"{COPIED} {PARAPHRASED}"
    planted = response(tailored_with(bullets=bullets), ["Time management", "Python"], letter)
    measure(tally, "planted", SOURCE, planted, letter, letter_measures())

    assert tally.false_gaps == 1  # "Time-Management" is in the skills; Python is a true gap
    assert tally.meaning == 2  # created -> built, reduced -> built
    assert tally.repeats == 1  # "Built" opens 3 bullets; the original had 1, the bound is 2
    assert (tally.copied, tally.sentences) == (1, 3)
    assert tally.similarity == [1.0]
    missed = [line for line in aims(tally) if line.startswith("MISS")]
    for aim in ("false gaps", "meaning-class", "verb-repetition", "copied", "similarity"):
        assert any(aim in line for line in missed), (aim, missed)
    named = "\n".join(aims(tally))  # each case is named under its aim
    assert "planted: Time management" in named
    assert "planted: 'built' opens 3 bullets (bound 2)" in named


def test_a_clean_run_passes_every_aim():
    tally = Tally()
    unchanged = response(SOURCE, ["Python"], PARAPHRASED)
    measure(
        tally,
        "clean",
        SOURCE,
        unchanged,
        "A different letter altogether, as it should be.",
        letter_measures(),
    )
    tally.cover_words = [250]  # the planted letters are short; the bounds are checked apart
    tally.cases.pop("cover words")
    assert [line for line in aims(tally) if line.startswith("MISS")] == []
