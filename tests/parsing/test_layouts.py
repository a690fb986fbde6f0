"""The parser on markdown renderings of every corpus resume in every corpus layout:
independent of extraction, so a parser regression shows here even when it does not
show on the one layout each corpus document happens to use."""

import json
from pathlib import Path

import pytest

from refleum.analysis.grounding import ungrounded_values
from refleum.parsing.accuracy import Score, score_resume
from refleum.parsing.local_parser import parse_resume
from refleum.resume_data import ResumeData

from .corpus_markdown import LAYOUTS, expected_for

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
RESUMES = sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []
if not RESUMES:
    pytest.skip("no labelled corpus", allow_module_level=True)

CASES = [(path, layout) for path in RESUMES for layout in LAYOUTS]


def _run(path: Path, layout: str) -> tuple[str, ResumeData, ResumeData]:
    resume = json.loads(path.read_text(encoding="utf-8"))
    markdown = LAYOUTS[layout](resume)
    truth = ResumeData.model_validate(expected_for(layout, resume))
    return markdown, truth, parse_resume(markdown).data


@pytest.mark.parametrize("path, layout", CASES, ids=lambda v: getattr(v, "stem", v))
def test_layout_parse_is_grounded_and_accurate(path, layout):
    markdown, truth, data = _run(path, layout)
    assert ungrounded_values(data, markdown) == []
    score = score_resume(truth, data)
    assert score.overall.f1 >= 0.93, "\n".join(score.mismatches)


def test_overall_f1_over_all_layouts():
    total = Score()
    for path, layout in CASES:
        _, truth, data = _run(path, layout)
        total.add(score_resume(truth, data))
    assert total.overall.f1 >= 0.99, "\n".join(total.mismatches)
