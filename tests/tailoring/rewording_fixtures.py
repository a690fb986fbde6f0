"""Resume x JD pairs for the verb-rewording tests and ``bench/bench_rewording.py`` (#16).

Resumes: the corpus (tests/fixtures/corpus), examples/resume.json and the letters sample.
Every third corpus resume is HELD OUT: the verb table was curated from the issue's examples
and dictionary senses, and the held-out figure is reported apart from the rest.
JDs: the example backend JD, the letters' data-analyst JDs and one written to ask for every
verb of the table, so the engine is pushed to swap as many openers as it can.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from tests.letters.samples import JD as ANALYST_JD
from tests.letters.samples import OTHER_JD, resume_data

from refleum.resume_data import ResumeData

ROOT = Path(__file__).parent.parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "corpus"

VERB_HEAVY_JD = """Operations Lead

Responsibilities
- Lead and direct a small team; manage and oversee daily operations
- Build, develop and implement internal tools and reporting pipelines
- Design and architect processes; improve and enhance existing workflows
- Evaluate and assess vendors; write and author documentation
- Teach, instruct and educate new staff; partner and collaborate with finance
- Reduce and cut costs; increase and grow revenue

Requirements
- Experience with Excel, SQL and Python
"""

JDS = {
    "backend": (ROOT / "examples" / "job_description.txt").read_text(),
    "analyst": ANALYST_JD,
    "analytics-engineer": OTHER_JD,
    "verb-heavy": VERB_HEAVY_JD,
}


@lru_cache(maxsize=1)
def resumes() -> dict[str, ResumeData]:
    found = {
        path.stem: ResumeData.model_validate_json(path.read_text())
        for path in sorted(CORPUS.glob("*.json"))
    }
    found["example"] = ResumeData.model_validate_json(
        (ROOT / "examples" / "resume.json").read_text()
    )
    found["letters-sample"] = resume_data()
    return found


def held_out(name: str) -> bool:
    corpus = sorted(path.stem for path in CORPUS.glob("*.json"))
    return name in corpus[2::3]
