"""Property: whatever honest and fabricated sentences a model mixes, grounding keeps every
honest one and no fabricated one."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.letters.samples import JD, resume_data

from refleum.letters.grounding import TruthIndex, ground_text
from refleum.letters.templates import all_template_text

INDEX = TruthIndex.build(resume_data(), JD, extra_words=all_template_text())

HONEST = [
    "I automated SQL reporting, cutting manual work by 35%.",
    "At Northwind Traders I built weekly revenue dashboards in Tableau used by 40 managers.",
    "At Contoso I cleaned survey data in Python (pandas) for 12 research projects.",
    "I'd like to be considered for the Senior Data Analyst role at Globex.",
    "I studied Statistics at the University of Lisbon.",
    "Thank you for your time.",
]
# (sentence, a fact it invents that must not survive)
FABRICATED = [
    ("I have five years of experience with Snowflake.", "Snowflake"),
    ("At Google I built a forecasting platform.", "Google"),
    ("I reduced costs by 42% in one quarter.", "42%"),
    ("I hold a PhD in machine learning.", "PhD"),
    ("I am a certified Tableau professional.", "certified"),
    ("I worked at Globex on freight pricing.", "freight pricing"),
    ("I managed a budget of $3M.", "$3M"),
    ("I also know Kubernetes and Terraform well.", "Kubernetes"),
    ("Since 2012 I have led analytics teams.", "2012"),
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(range(len(HONEST) + len(FABRICATED))), min_size=1, max_size=12))
def test_honest_sentences_survive_and_fabricated_ones_do_not(order):
    sentences = [HONEST[i] if i < len(HONEST) else FABRICATED[i - len(HONEST)][0] for i in order]
    grounded = ground_text(" ".join(sentences), INDEX)
    for i in order:
        if i < len(HONEST):
            assert HONEST[i] in grounded.text
        else:
            assert FABRICATED[i - len(HONEST)][1] not in grounded.text
    assert len(grounded.removed) == sum(1 for i in order if i >= len(HONEST))
