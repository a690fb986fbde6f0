"""ATS round trip: every corpus resume, rendered by us, extracted by our own extractor and
parsed by the local parser, comes back field for field (accuracy.score_resume)."""

from __future__ import annotations

import pytest
from tests.documents.render.helpers import corpus

from refleum.documents.extract import extract_markdown
from refleum.documents.render import TEMPLATES, render_pdf
from refleum.parsing.accuracy import Score, score_resume
from refleum.parsing.local_parser import parse_resume

CORPUS = corpus()
# Measured 1.000 for every fixture in both templates (bench/bench_render.py prints the table);
# held at exactly 1.0 so any field the layout stops carrying fails here by name.
THRESHOLD = 1.0


def round_trip(name: str, template: str) -> Score:
    truth = CORPUS[name]
    pdf = render_pdf(truth, template=template)
    predicted = parse_resume(extract_markdown(pdf, "pdf").markdown).data
    return score_resume(truth, predicted)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_rendered_resume_parses_back_to_the_same_data(name, template):
    score = round_trip(name, template)
    assert score.overall.f1 >= THRESHOLD, score.mismatches
    assert score.mismatches == []
