"""What the LLM tailoring engine sends, and how the model's short answer maps back to edits.

The model is billed per input token and is called once per tailor, so everything here is
compact on purpose: the resume is a listing of short line ids ("w1.2 bullet text") rather
than JSON or full paths, the JD is sent once with its blank lines and runs of spaces
squeezed out, and the model-facing edit has one-word fields. ``to_edits`` turns the ids
back into the contract's paths, so the truth guard sees ordinary ``Edit``s, and an id
that names nothing becomes a path the guard refuses (and reports) rather than a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from refleum.analysis.job_description import JobKeywords
from refleum.resume_data import ResumeData
from refleum.tailoring.edits import Edit
from refleum.tailoring.paths import SECTIONS_PATH, SKILLS_PATH, section_names
from refleum.tailoring.schemas import Strategy

_RULES = """Tailor the resume to the job description (JD) by proposing edits.
RESUME lines are "<id> <text>"; [bracketed] text is read-only.
Edit: replace: id of a line, old = its exact text, new = new text. Reorder: id of a list \
(w1 = bullets of w1, k = skills, sections), new = item numbers in new order, e.g. [2,1,3].
Never add a skill, tool, employer, title, degree, school, certificate, award, language, \
date or number the resume lacks, nor change a name, company, school or date. Rephrase, \
do not embellish; no clichés ("leveraged").
why: how it helps, in a few words."""

EDITS_SYSTEM = _RULES

KEYWORDS_AND_EDITS_SYSTEM = (
    _RULES
    + """
job: from the JD, each term as the JD spells it, none it lacks; preferred = nice to have; \
keywords = other terms recruiters scan for; key_responsibilities: up to 8, short; \
experience_years: the minimum."""
)

STRATEGY_BRIEFS = {
    Strategy.NUDGE: "minimal: reorder bullets and skills by relevance and reword at most "
    "three bullets, only into the JD's wording for what the resume already says.",
    Strategy.KEYWORDS: "reword bullets toward the JD's terms wherever the resume already "
    "supports them; reorder bullets and skills by relevance.",
    Strategy.FULL: "reword bullets; rewrite the summary (s) from the resume's own facts; set "
    "the headline (t) to a title the resume holds; reorder bullets, skills and sections by "
    "relevance.",
}


# The model-facing shapes. No docstrings: pydantic-ai would send them with the schema.
class ModelEdit(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    old: str = ""
    new: str | list[int]
    why: str = ""


class EditsAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    edits: list[ModelEdit] = Field(default_factory=list)


class Job(JobKeywords):
    # JobKeywords with no docstring to send; a stray key is dropped, not worth a retry.
    model_config = ConfigDict(extra="ignore")


class KeywordsAndEditsAnswer(BaseModel):
    model_config = ConfigDict(extra="ignore")

    job: Job
    edits: list[ModelEdit] = Field(default_factory=list)


@dataclass(frozen=True)
class Listing:
    """The resume as the model sees it, and what each id there stands for."""

    text: str
    # id -> the contract's path: "w1.2" -> "workExperience[0].description[1]"
    paths: dict[str, str]


def _entries(resume: ResumeData) -> list[tuple[str, str, str, list[str]]]:
    """(id prefix, path of the entry, read-only header, bullets) of every entry with bullets."""
    return [
        *(
            (
                f"w{i + 1}",
                f"workExperience[{i}]",
                f"{job.title} | {job.company} | {job.years}",
                job.description,
            )
            for i, job in enumerate(resume.workExperience)
        ),
        *(
            (
                f"p{i + 1}",
                f"personalProjects[{i}]",
                f"{project.name} | {project.years}",
                project.description,
            )
            for i, project in enumerate(resume.personalProjects)
        ),
        *(
            (f"c{n + 1}", path, f"{title}: {item.title}", item.description)
            for n, (path, title, item) in enumerate(
                (f"customSections.{key}.items[{i}]", section.title, item)
                for key, section in resume.customSections.items()
                for i, item in enumerate(section.items)
            )
        ),
    ]


def listing(resume: ResumeData) -> Listing:
    """Every line the truth guard lets a "replace" change (paths.editable_lines), under a
    short id, with the facts around them as bracketed context."""
    paths = {"t": "personalInfo.title", "s": "summary"}
    lines = [_line("t", resume.personalInfo.title), _line("s", resume.summary)]
    for prefix, owner, header, bullets in _entries(resume):
        paths[prefix] = f"{owner}.description"
        lines.append(f"{prefix} [{header}]")
        for j, text in enumerate(bullets):
            paths[f"{prefix}.{j + 1}"] = f"{owner}.description[{j}]"
            lines.append(_line(f"{prefix}.{j + 1}", text))
    for school in resume.education:
        lines.append(f"[education: {school.degree} | {school.institution} | {school.years}]")
    extra = resume.additional
    for label, values in (
        ("certifications", extra.certificationsTraining),
        ("languages", extra.languages),
        ("awards", extra.awards),
    ):
        if values:
            lines.append(f"[{label}: {'; '.join(values)}]")
    paths["k"] = SKILLS_PATH
    for j, skill in enumerate(extra.technicalSkills):
        paths[f"k{j + 1}"] = f"{SKILLS_PATH}[{j}]"
        lines.append(_line(f"k{j + 1}", skill))
    paths[SECTIONS_PATH] = SECTIONS_PATH
    lines.append(f"{SECTIONS_PATH} {','.join(section_names(resume))}")
    return Listing("\n".join(lines), paths)


def _line(line_id: str, text: str) -> str:
    """One listing line. A line break inside the text would start a line with no id, so
    whitespace is collapsed: the guard compares quotes whitespace-normalised anyway."""
    return f"{line_id} {' '.join(text.split())}".rstrip()


def squeeze(text: str) -> str:
    """``text`` with runs of spaces and blank lines removed: the same words, fewer tokens."""
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def keywords_line(keywords: JobKeywords) -> str:
    groups = (
        ("required", keywords.required_skills),
        ("preferred", keywords.preferred_skills),
        ("other", keywords.keywords),
    )
    return "; ".join(f"{name}: {', '.join(terms)}" for name, terms in groups if terms)


def user_prompt(
    resume_listing: Listing,
    job_description: str,
    strategy: Strategy,
    language: str,
    keywords: JobKeywords | None,
    years: int | None = None,
) -> str:
    """The one user message: the strategy, the language, the resume and the JD, once each;
    with the cached keywords when there are some (else the model finds them). ``years``, the
    experience the work dates add up to, is the one years figure the guard lets a summary
    state: told so the model does not guess one that gets refused."""
    brief = STRATEGY_BRIEFS[strategy] + (f" Summary years, if stated: {years}." if years else "")
    parts = [
        f"STRATEGY {strategy.value}: {brief}",
        f"LANGUAGE {language}",
    ]
    if keywords is not None:
        parts.append(f"JD KEYWORDS {keywords_line(keywords) or '(none)'}")
    parts += ["RESUME\n" + resume_listing.text, "JD\n" + squeeze(job_description)]
    return "\n".join(parts)


def to_edits(answer: list[ModelEdit], resume_listing: Listing) -> list[Edit]:
    """The model's edits as the guard takes them: ids become paths, item numbers (1-based,
    as listed) become list indexes. An unknown id is kept as the path, so the guard refuses
    it with its reason instead of the edit vanishing."""
    edits = []
    for proposed in answer:
        path = resume_listing.paths.get(proposed.id.strip(), proposed.id)
        if isinstance(proposed.new, list):
            order = [n - 1 for n in proposed.new]
            edits.append(Edit(path=path, action="reorder", value=order, reason=proposed.why))
        else:
            edits.append(
                Edit(path=path, original=proposed.old, value=proposed.new, reason=proposed.why)
            )
    return edits
