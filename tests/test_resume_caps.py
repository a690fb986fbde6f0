"""resume_caps: the size caps of ResumeData, and what parsers and tailoring do past them."""

from __future__ import annotations

from tests.parsing.test_llm_parser import GROUNDED, answering, parse, with_changes

from refleum.parsing.local_parser import parse_resume
from refleum.resume_caps import (
    MAX_BULLETS,
    MAX_CUSTOM_SECTIONS,
    MAX_ENTRIES,
    MAX_LIST_ITEMS,
    MAX_STRING_CHARS,
    MAX_TOTAL_CHARS,
    cap_violations,
    fit_to_caps,
    total_chars,
)
from refleum.resume_data import ResumeData


def job(n: int, bullets: int = 1, words: str = "Shipped the billing service") -> dict:
    return {
        "id": n,
        "title": "Engineer",
        "company": f"Company {n}",
        "description": [f"{words} {i}" for i in range(bullets)],
    }


def resume(**fields) -> ResumeData:
    return ResumeData.model_validate(fields)


def test_a_real_resume_is_far_inside_every_cap():
    data = resume(**GROUNDED)
    assert cap_violations(data) == []
    assert fit_to_caps(data) == (data, [])


def test_each_cap_is_named_when_exceeded():
    cases = {
        "workExperience: 51 entries; the cap is 50": resume(
            workExperience=[job(n) for n in range(MAX_ENTRIES + 1)]
        ),
        "workExperience[0].description: 31 bullets; the cap is 30": resume(
            workExperience=[job(0, bullets=MAX_BULLETS + 1)]
        ),
        "additional.technicalSkills: 101 items; the cap is 100": resume(
            additional={"technicalSkills": [f"skill {i}" for i in range(MAX_LIST_ITEMS + 1)]}
        ),
        "summary: 5,001 characters; the cap is 5,000": resume(summary="x" * (MAX_STRING_CHARS + 1)),
        "customSections: 21 sections; the cap is 20": resume(
            customSections={
                f"s{i}": {"title": f"S{i}", "type": "text", "text": "t"}
                for i in range(MAX_CUSTOM_SECTIONS + 1)
            }
        ),
    }
    for message, data in cases.items():
        assert cap_violations(data) == [message]
    # Inside every per-field cap, but too much text altogether.
    long_bullets = [job(n, bullets=25, words="w" * 90) for n in range(50)]
    total = total_chars(resume(workExperience=long_bullets))
    assert total > MAX_TOTAL_CHARS
    assert cap_violations(resume(workExperience=long_bullets)) == [
        f"the resume has {total:,} characters in total; the cap is 100,000"
    ]


def test_fit_to_caps_cuts_with_a_warning_per_cut_and_then_fits():
    data = resume(
        summary="word " * 2000,
        workExperience=[job(n, bullets=40, words="y" * 120) for n in range(60)],
    )
    fitted, warnings = fit_to_caps(data)
    assert cap_violations(fitted) == []
    assert len(fitted.workExperience) <= MAX_ENTRIES
    assert all(len(j.description) <= MAX_BULLETS for j in fitted.workExperience)
    assert fitted.summary.startswith("word word") and len(fitted.summary) <= MAX_STRING_CHARS
    assert not fitted.summary.endswith(" ")  # cut on a word boundary, not mid-word
    assert "workExperience: kept the first 50 of 60 entries" in warnings
    assert "summary: cut to 5,000 characters" in warnings
    assert any("characters; text past the first 100,000 was cut" in w for w in warnings)
    # What is kept is the start of the resume, unchanged.
    assert fitted.workExperience[0] == data.workExperience[0].model_copy(
        update={"description": data.workExperience[0].description[:MAX_BULLETS]}
    )


def test_the_local_parser_cuts_a_huge_document_to_the_caps_with_a_warning():
    jobs = "\n\n".join(
        f"### Engineer — Company {n}\n2010 – 2012\n"
        + "\n".join(f"- Shipped release {n}.{i} of the billing service" for i in range(40))
        for n in range(60)
    )
    markdown = f"# Ada Lovelace\nada@example.com\n\n## Experience\n{jobs}\n"
    result = parse_resume(markdown)
    assert cap_violations(result.data) == []
    assert result.data.workExperience and len(result.data.workExperience[0].description) == 30
    assert any("the cap is" in w or "kept the first" in w for w in result.warnings)


async def test_the_llm_parser_cuts_an_answer_over_the_caps_with_a_warning():
    answer = with_changes(workExperience__1__description=["Wrote reports"] * 45)
    result = await parse(answering(answer))
    assert cap_violations(result.data) == []
    assert result.data.workExperience[1].description == ["Wrote reports"] * MAX_BULLETS
    assert "workExperience[1].description: kept the first 30 of 45 bullets" in result.warnings


def test_tailoring_output_is_cut_to_the_caps_with_a_warning():
    from refleum.analysis.keywords import extract_job_keywords
    from refleum.tailoring.pipeline import apply_and_refine

    # Stored before the caps existed, say: the tailored child must still fit them.
    source = resume(workExperience=[job(0, bullets=MAX_BULLETS + 5)])
    jd = "We need an engineer who shipped billing services. " * 20
    outcome = apply_and_refine(source, source, [], extract_job_keywords(jd), jd)
    assert cap_violations(outcome.resume) == []
    assert "workExperience[0].description: kept the first 30 of 35 bullets" in outcome.warnings
